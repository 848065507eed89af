import { DEAD_LETTER_QUEUE_NAMES, type DeadLetterQueueName } from '@gaara/topology';
import { UsageError } from './dlt-errors';

/** The dead-letter queues, as libs/topology declares them. */
export const queueNames: readonly DeadLetterQueueName[] = DEAD_LETTER_QUEUE_NAMES;
export type QueueName = DeadLetterQueueName;

const queueChoice = queueNames.join('|');

export const usage = `usage: dlt list <${queueChoice}> [--limit N] | dlt replay <${queueChoice}> (--all | --entry <partition>:<offset>)`;

/** Entries listed without --limit, and the most one call lists. */
export const defaultLimit = 100;
export const maxLimit = 500;

export type DltCommand =
  | { readonly kind: 'help' }
  | { readonly kind: 'list'; readonly queue: QueueName; readonly limit: number }
  | {
      readonly kind: 'replay';
      readonly queue: QueueName;
      readonly selector:
        { readonly all: true } | { readonly partition: number; readonly offset: string };
    };

/** `--name value` and `--name=value` alike; a flag without value maps to true. */
function optionsOf(args: readonly string[]): Map<string, string | true> {
  const options = new Map<string, string | true>();
  for (let index = 0; index < args.length; index += 1) {
    const arg = args[index] ?? '';
    if (!arg.startsWith('--')) throw new UsageError(`unexpected argument "${arg}"`);
    const [name = '', inline] = arg.slice(2).split(/=(.*)/s, 2);
    if (options.has(name)) throw new UsageError(`--${name} given twice`);
    if (inline !== undefined) {
      options.set(name, inline);
    } else if (name === 'limit' || name === 'entry') {
      const value = args[index + 1];
      if (value === undefined) throw new UsageError(`--${name} needs a value`);
      options.set(name, value);
      index += 1;
    } else {
      options.set(name, true);
    }
  }
  return options;
}

function queueOf(raw: string | undefined): QueueName {
  const queue = queueNames.find((name) => name === raw);
  if (queue === undefined) {
    throw new UsageError(`queue must be one of ${queueNames.join(', ')}, got "${raw ?? ''}"`);
  }
  return queue;
}

function rejectUnknown(options: Map<string, string | true>, known: readonly string[]): void {
  for (const name of options.keys()) {
    if (!known.includes(name)) throw new UsageError(`unknown option --${name}`);
  }
}

function limitOf(raw: string | true | undefined): number {
  if (raw === undefined) return defaultLimit;
  const limit = typeof raw === 'string' && /^[0-9]{1,3}$/.test(raw) ? Number(raw) : 0;
  if (limit < 1 || limit > maxLimit) {
    throw new UsageError(`--limit must be an integer 1..${maxLimit}`);
  }
  return limit;
}

function entryOf(raw: string | true): { partition: number; offset: string } {
  const match = typeof raw === 'string' ? /^([0-9]{1,6}):([0-9]{1,19})$/.exec(raw) : null;
  if (match === null) throw new UsageError('--entry must be <partition>:<offset>, e.g. 0:42');
  return { partition: Number(match[1]), offset: match[2] ?? '' };
}

/**
 * Parses the CLI's arguments (without node and the script).
 * @throws UsageError for anything but a well-formed command
 */
export function parseArgs(argv: readonly string[]): DltCommand {
  const [command, queueArg, ...rest] = argv;
  if (command === undefined) throw new UsageError('a command is required');
  if (command === '--help' || command === '-h' || command === 'help') return { kind: 'help' };
  if (command !== 'list' && command !== 'replay') {
    throw new UsageError(`unknown command "${command}"`);
  }
  const queue = queueOf(queueArg);
  const options = optionsOf(rest);
  if (command === 'list') {
    rejectUnknown(options, ['limit']);
    return { kind: 'list', queue, limit: limitOf(options.get('limit')) };
  }
  rejectUnknown(options, ['all', 'entry']);
  const all = options.get('all');
  const entry = options.get('entry');
  if ((all === undefined) === (entry === undefined)) {
    throw new UsageError('replay needs exactly one of --all or --entry <partition>:<offset>');
  }
  if (all !== undefined) {
    if (all !== true) throw new UsageError('--all takes no value');
    return { kind: 'replay', queue, selector: { all: true } };
  }
  return { kind: 'replay', queue, selector: entryOf(entry ?? '') };
}
