import { ConfigError, type Env } from '@gaara/config';
import {
  connectPublisher,
  createMessagingClient,
  isKafkaReachable,
  listDeadLetters,
  replayDeadLetters,
  type DeadLetterTopology,
  type MessagingClient,
} from '@gaara/messaging';
import { KafkaUnreachableError, UsageError } from './dlt-errors';
import { loadDltEnv, topologyOf, type DltEnv } from './dlt-env';
import { parseArgs, usage, type DltCommand } from './parse-args';

/** Where the CLI writes: one JSON document per line on `out`, diagnostics on `err`. */
export interface DltIo {
  out(line: string): void;
  err(line: string): void;
}

/** Exit codes: 0 done, 1 Kafka unreachable (or the operation failed), 2 usage or configuration error. */
export const exitCodes = { ok: 0, failed: 1, usage: 2 } as const;

/** Budget of the reachability check before any operation, in milliseconds. */
const reachabilityTimeoutMs = 3000;

/** Runs one CLI invocation and answers its exit code; rejects only on a bug. */
export async function runDlt(argv: readonly string[], env: Env, io: DltIo): Promise<number> {
  let command: DltCommand;
  let config: DltEnv;
  let topology: DeadLetterTopology;
  try {
    command = parseArgs(argv);
    if (command.kind === 'help') {
      io.out(usage);
      return exitCodes.ok;
    }
    config = loadDltEnv(env);
    topology = topologyOf(command.queue, config); // bad retry delays are a configuration error too
  } catch (error: unknown) {
    io.err(`error: ${inputProblem(error)}`);
    io.err(usage);
    return exitCodes.usage;
  }
  const client = createMessagingClient({ brokers: config.GAARA_KAFKA_BROKERS, clientId: 'dlt' });
  try {
    if (!(await isKafkaReachable(client, reachabilityTimeoutMs))) {
      throw new KafkaUnreachableError(config.GAARA_KAFKA_BROKERS);
    }
    await execute(command, topology, client, io);
    return exitCodes.ok;
  } catch (error: unknown) {
    io.err(JSON.stringify({ error: describe(error) }));
    return exitCodes.failed;
  }
}

async function execute(
  command: Exclude<DltCommand, { kind: 'help' }>,
  topology: DeadLetterTopology,
  client: MessagingClient,
  io: DltIo,
): Promise<void> {
  if (command.kind === 'list') {
    const entries = await listDeadLetters(client, topology, { limit: command.limit });
    for (const entry of entries) io.out(JSON.stringify(entry));
    return;
  }
  const publisher = await connectPublisher(client);
  try {
    const { replayed } = await replayDeadLetters(client, publisher, topology, command.selector);
    io.out(JSON.stringify({ queue: command.queue, replayed }));
  } finally {
    await publisher.disconnect();
  }
}

/** What is wrong with the command line or the environment. */
function inputProblem(error: unknown): string {
  if (error instanceof UsageError || error instanceof ConfigError) return error.message;
  return describe(error).message;
}

/** Code and message of a failure; codes are stable, messages for people. */
function describe(error: unknown): { code: string; message: string } {
  const { code, message } = (typeof error === 'object' && error !== null ? error : {}) as {
    code?: unknown;
    message?: unknown;
  };
  return {
    code: typeof code === 'string' ? code : 'FAILED',
    message: typeof message === 'string' ? message : String(error),
  };
}
