import type { DependencyReport } from '@gaara/health';
import { isKafkaReachable, type MessagingClient } from '@gaara/messaging';
import type { DependencyProbe } from './dependency-probe';

/** The Kafka cluster's entry: healthy when a broker answers within the budget, unavailable otherwise. */
export class KafkaProbe implements DependencyProbe {
  constructor(
    private readonly client: MessagingClient,
    /** Budget of one reachability check, in milliseconds. */
    private readonly timeoutMs: number,
  ) {}

  async probe(): Promise<readonly DependencyReport[]> {
    let reachable = false;
    try {
      reachable = await isKafkaReachable(this.client, this.timeoutMs);
    } catch {
      // A check that throws says no more than one that answers false.
    }
    return [
      {
        name: 'kafka',
        kind: 'kafka',
        status: reachable ? 'healthy' : 'unavailable',
        detail: reachable ? '' : 'kafka unreachable',
      },
    ];
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
