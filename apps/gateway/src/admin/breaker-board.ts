import { aggregatorV1, commonV1 } from '@gaara/contracts';
import type { GrpcClient } from '@gaara/grpc';
import { failureDetail } from '@gaara/health';
import type { BreakerRegistry, BreakerSnapshot, Policy, ResilienceLogger } from '@gaara/resilience';
import type { BoardAnswer, BoardBreaker, BoardSource, BoardState } from './breaker-answer';

/** An admin action on a breaker, as the audit log records it. */
export type BreakerAction = 'isolate' | 'reset';

/** Options of {@link BreakerBoard}. */
export interface BreakerBoardOptions {
  readonly registry: BreakerRegistry;
  readonly aggregator: Pick<GrpcClient<typeof aggregatorV1.AggregatorService>, 'getHealth'>;
  /** The gateway's policy of aggregator calls. */
  readonly aggregatorPolicy: Policy;
  readonly logger: ResilienceLogger;
  readonly now?: () => number;
}

/** Which process reports a provider breaker through the aggregator's health view. */
const providerProcesses: Readonly<Record<string, string>> = {
  payment: 'payment',
  email: 'notification',
};

const protoStates: Readonly<Record<commonV1.BreakerState, BoardState>> = {
  [commonV1.BreakerState.UNSPECIFIED]: 'unknown',
  [commonV1.BreakerState.CLOSED]: 'closed',
  [commonV1.BreakerState.OPEN]: 'open',
  [commonV1.BreakerState.HALF_OPEN]: 'half-open',
};

/**
 * The breakers of every process: the gateway's own from its registry (with counts; isolate and reset act on
 * these), the aggregator's and the providers' (payment's `payment`, notification's `email`) read-only from the
 * aggregator's health view. A source that does not answer is listed as unavailable; the others still are.
 */
export class BreakerBoard {
  private readonly now: () => number;

  constructor(private readonly options: BreakerBoardOptions) {
    this.now = options.now ?? Date.now;
  }

  async list(): Promise<BoardAnswer> {
    const own = this.options.registry.list().map(ownBreaker);
    const gateway: BoardSource = { process: 'gateway', status: 'ok', detail: '' };
    try {
      const { report } = await this.options.aggregatorPolicy.execute(({ signal, timeoutMs }) =>
        this.options.aggregator.getHealth({}, { signal, deadlineMs: timeoutMs }),
      );
      const reported = (report?.dependencies ?? [])
        .filter((dependency) => dependency.kind === aggregatorV1.DependencyKind.BREAKER)
        .map(reportedBreaker);
      const processes = [...new Set(reported.map((breaker) => breaker.process))].sort();
      return {
        breakers: [...own, ...reported],
        sources: [
          gateway,
          ...processes.map((process): BoardSource => ({ process, status: 'ok', detail: '' })),
        ],
      };
    } catch (error: unknown) {
      return {
        breakers: own,
        sources: [
          gateway,
          {
            process: 'aggregator',
            status: 'unavailable',
            detail: failureDetail('aggregator', error),
          },
        ],
      };
    }
  }

  /**
   * Isolates (forces open until reset) or resets (closes, window cleared) one of the gateway's breakers, and
   * writes an audit line: who (the admin token was presented and valid), what, when, the request id.
   * @throws UnknownBreakerError when the gateway has no breaker of that name
   */
  act(action: BreakerAction, name: string, requestId: string): BoardBreaker {
    const { registry } = this.options;
    const snapshot =
      action === 'isolate'
        ? registry.isolate(name, 'isolated by an operator')
        : registry.reset(name, 'reset by an operator');
    this.options.logger.warn(
      {
        audit: {
          who: 'admin token (valid)',
          action: `breaker.${action}`,
          breaker: name,
          state: snapshot.state,
          at: new Date(this.now()).toISOString(),
          requestId,
        },
      },
      `admin: breaker ${name} ${action === 'isolate' ? 'isolated' : 'reset'}`,
    );
    return ownBreaker(snapshot);
  }
}

function ownBreaker(snapshot: BreakerSnapshot): BoardBreaker {
  const calls = snapshot.successes + snapshot.failures;
  return {
    process: 'gateway',
    name: snapshot.name,
    state: snapshot.state,
    calls,
    failures: snapshot.failures,
    failureRate: calls === 0 ? null : snapshot.failures / calls,
    lastTransitionAt:
      snapshot.lastTransitionAt === undefined
        ? null
        : new Date(snapshot.lastTransitionAt).toISOString(),
    lastTransitionCause: snapshot.lastTransitionCause ?? null,
    detail: '',
    actions: true,
  };
}

function reportedBreaker(dependency: aggregatorV1.Dependency): BoardBreaker {
  const name = dependency.name.replace(/^breaker:/, '');
  return {
    process: providerProcesses[name] ?? 'aggregator',
    name,
    state: protoStates[dependency.breakerState] ?? 'unknown',
    calls: null,
    failures: null,
    failureRate: null,
    lastTransitionAt: null,
    lastTransitionCause: null,
    detail: dependency.detail,
    actions: false,
  };
}
