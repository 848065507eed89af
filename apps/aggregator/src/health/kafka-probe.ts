import type { DependencyReport } from '@gaara/health';
import { settleWithin } from '../dashboard/settle-within';
import { BackgroundCheck } from './background-check';
import type { DependencyProbe } from './dependency-probe';

/** Default age of the last Kafka answer before a probe checks again, in milliseconds. */
export const KAFKA_REFRESH_MS = 1000;

/**
 * How long one check may run before it is abandoned and the next may start, in milliseconds (kafkajs's request
 * timeout): the bound to give the `reachable` check itself, far above the probe's `timeoutMs`.
 */
export const KAFKA_CHECK_ABANDON_MS = 30_000;

/** Options of {@link KafkaProbe}. */
export interface KafkaProbeOptions {
  /**
   * Whether a broker answers. It may take long (kafkajs retries a refused connection for about 12 s whatever
   * it is told) but must end and never reject: isKafkaReachable with {@link KAFKA_CHECK_ABANDON_MS}.
   */
  readonly reachable: () => Promise<boolean>;
  /** How long a broker has to answer before Kafka is reported unavailable, in milliseconds. */
  readonly timeoutMs: number;
  /** How old the last answer may be before a probe starts a new check, in ms; defaults to {@link KAFKA_REFRESH_MS}. */
  readonly refreshMs?: number;
  readonly now?: () => number;
}

/**
 * The Kafka cluster's entry: healthy when the last check saw a broker answer, unavailable when it saw none or
 * the check in flight has run past `timeoutMs`. One check at a time, refreshed in the background: a
 * connection to a dead broker cannot be cancelled, so a check per /health call piled up connections retried
 * for seconds each while Kafka was down (issue #12). Only while no check ever answered does a probe wait, and
 * then at most until the check's `timeoutMs`.
 */
export class KafkaProbe implements DependencyProbe {
  private readonly check: BackgroundCheck<boolean>;
  private readonly now: () => number;

  constructor(private readonly options: KafkaProbeOptions) {
    this.now = options.now ?? Date.now;
    this.check = new BackgroundCheck(() => options.reachable().catch(() => false), {
      refreshMs: options.refreshMs ?? KAFKA_REFRESH_MS,
      now: this.now,
    });
  }

  async probe(): Promise<readonly DependencyReport[]> {
    this.check.refreshIfDue();
    const { running, last } = this.check;
    const leftMs =
      running === undefined ? 0 : this.options.timeoutMs - (this.now() - running.startedAt);
    // No broker answered within timeoutMs: unreachable, whatever an older answer said.
    if (running !== undefined && leftMs <= 0) return entry(false);
    if (last !== undefined) return entry(last.value);
    if (running === undefined) return entry(false); // a check just ended without an answer
    const settled = await settleWithin(running.promise, leftMs);
    return entry(settled.kind === 'value' && settled.value);
  }

  late(budgetMs: number): readonly DependencyReport[] {
    return [
      {
        name: 'kafka',
        kind: 'kafka',
        status: 'unavailable',
        detail: `kafka check took over ${budgetMs} ms`,
      },
    ];
  }
}

function entry(reachable: boolean): readonly DependencyReport[] {
  return [
    {
      name: 'kafka',
      kind: 'kafka',
      status: reachable ? 'healthy' : 'unavailable',
      detail: reachable ? '' : 'kafka unreachable',
    },
  ];
}
