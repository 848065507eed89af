import { timestampDate } from '@bufbuild/protobuf/wkt';
import { type breakerAdminV1, commonV1 } from '@gaara/contracts';
import { NotFoundError, UnimplementedError, type GrpcClient } from '@gaara/grpc';
import { failureDetail } from '@gaara/health';
import {
  UnknownBreakerError,
  type BreakerRegistry,
  type BreakerSnapshot,
  type ResilienceLogger,
} from '@gaara/resilience';
import type { BoardAnswer, BoardBreaker, BoardSource, BoardState } from './breaker-answer';

/** An admin action on a breaker, as the audit log records it. */
export type BreakerAction = 'isolate' | 'reset';

/** The BreakerAdminService of one store process. */
export type BreakerAdminClient = Pick<
  GrpcClient<typeof breakerAdminV1.BreakerAdminService>,
  'listBreakers' | 'isolateBreaker' | 'resetBreaker'
>;

/** The store processes besides the gateway whose breakers the board lists and steers. */
export const STORE_BREAKER_PROCESSES = [
  'catalog',
  'invoice',
  'payment',
  'notification',
  'aggregator',
] as const;

/** Options of {@link BreakerBoard}. */
export interface BreakerBoardOptions {
  /** The gateway's own breakers. */
  readonly registry: BreakerRegistry;
  /** Every other store process by name. */
  readonly processes: Readonly<
    Partial<Record<(typeof STORE_BREAKER_PROCESSES)[number], BreakerAdminClient>>
  >;
  /** Bound of each call to a process, in milliseconds; defaults to 1000 (no retry, no breaker: monitoring). */
  readonly callTimeoutMs?: number;
  readonly logger: ResilienceLogger;
  readonly now?: () => number;
}

const wireStates: Readonly<Record<commonV1.BreakerState, BoardState>> = {
  [commonV1.BreakerState.UNSPECIFIED]: 'unknown',
  [commonV1.BreakerState.CLOSED]: 'closed',
  [commonV1.BreakerState.OPEN]: 'open',
  [commonV1.BreakerState.HALF_OPEN]: 'half-open',
};

/**
 * The breakers of every process: the gateway's own from its registry, the others' from their
 * BreakerAdminService, all with window counts, and isolate/reset on any of them. A process that does not
 * answer is listed as unavailable; the others still are.
 */
export class BreakerBoard {
  private readonly now: () => number;
  private readonly callTimeoutMs: number;

  constructor(private readonly options: BreakerBoardOptions) {
    this.now = options.now ?? Date.now;
    this.callTimeoutMs = options.callTimeoutMs ?? 1000;
  }

  async list(): Promise<BoardAnswer> {
    const own = this.options.registry.list().map((s) => boardBreaker('gateway', snapshotView(s)));
    const reports = await Promise.all(
      Object.entries(this.options.processes).map(async ([process, client]) => {
        try {
          const { breakers } = await client.listBreakers({}, { deadlineMs: this.callTimeoutMs });
          const source: BoardSource = { process, status: 'ok', detail: '' };
          return { source, breakers: breakers.map((b) => boardBreaker(process, wireView(b))) };
        } catch (error: unknown) {
          const detail = failureDetail(process, error);
          return {
            source: { process, status: 'unavailable', detail } as BoardSource,
            breakers: [],
          };
        }
      }),
    );
    return {
      breakers: [...own, ...reports.flatMap((r) => r.breakers)],
      sources: [{ process: 'gateway', status: 'ok', detail: '' }, ...reports.map((r) => r.source)],
    };
  }

  /**
   * Isolates (forces open until reset) or resets (closes, window cleared) one breaker of `process` (defaults
   * to the gateway), and writes an audit line: who (the admin token was presented and valid), what, when, the
   * request id.
   * @throws UnknownBreakerError when that process has no breaker of that name (or there is no such process)
   */
  async act(
    action: BreakerAction,
    name: string,
    requestId: string,
    process = 'gateway',
  ): Promise<BoardBreaker> {
    const cause = action === 'isolate' ? 'isolated by an operator' : 'reset by an operator';
    const breaker =
      process === 'gateway'
        ? this.actOwn(action, name, cause)
        : await this.actOn(process, action, name, cause);
    this.options.logger.warn(
      {
        audit: {
          who: 'admin token (valid)',
          action: `breaker.${action}`,
          process,
          breaker: name,
          state: breaker.state,
          at: new Date(this.now()).toISOString(),
          requestId,
        },
      },
      `admin: breaker ${process === 'gateway' ? '' : `${process}/`}${name} ${action === 'isolate' ? 'isolated' : 'reset'}`,
    );
    return breaker;
  }

  private actOwn(action: BreakerAction, name: string, cause: string): BoardBreaker {
    const { registry } = this.options;
    const snapshot =
      action === 'isolate' ? registry.isolate(name, cause) : registry.reset(name, cause);
    return boardBreaker('gateway', snapshotView(snapshot));
  }

  private async actOn(
    process: string,
    action: BreakerAction,
    name: string,
    cause: string,
  ): Promise<BoardBreaker> {
    const client = (this.options.processes as Readonly<Record<string, BreakerAdminClient>>)[
      process
    ];
    if (client === undefined) throw new UnknownBreakerError(`${process}/${name}`);
    try {
      const options = { deadlineMs: this.callTimeoutMs };
      const { breaker } =
        action === 'isolate'
          ? await client.isolateBreaker({ name, cause }, options)
          : await client.resetBreaker({ name, cause }, options);
      if (breaker === undefined) throw new UnknownBreakerError(`${process}/${name}`);
      return boardBreaker(process, wireView(breaker));
    } catch (error: unknown) {
      // UNIMPLEMENTED: a process of a version without BreakerAdminService has no breaker to act on.
      if (error instanceof NotFoundError || error instanceof UnimplementedError) {
        throw new UnknownBreakerError(`${process}/${name}`);
      }
      throw error;
    }
  }
}

/** What the board shows of one breaker, whichever process reported it. */
interface BreakerView {
  readonly name: string;
  readonly state: BoardState;
  readonly successes: number;
  readonly failures: number;
  readonly lastTransitionAt: Date | undefined;
  readonly lastTransitionCause: string;
}

function snapshotView(snapshot: BreakerSnapshot): BreakerView {
  return {
    name: snapshot.name,
    state: snapshot.state,
    successes: snapshot.successes,
    failures: snapshot.failures,
    lastTransitionAt:
      snapshot.lastTransitionAt === undefined ? undefined : new Date(snapshot.lastTransitionAt),
    lastTransitionCause: snapshot.lastTransitionCause ?? '',
  };
}

function wireView(snapshot: breakerAdminV1.BreakerSnapshot): BreakerView {
  return {
    name: snapshot.name,
    state: snapshot.isolated ? 'isolated' : (wireStates[snapshot.state] ?? 'unknown'),
    successes: snapshot.successes,
    failures: snapshot.failures,
    lastTransitionAt:
      snapshot.lastTransitionAt === undefined
        ? undefined
        : timestampDate(snapshot.lastTransitionAt),
    lastTransitionCause: snapshot.lastTransitionCause,
  };
}

function boardBreaker(process: string, view: BreakerView): BoardBreaker {
  const calls = view.successes + view.failures;
  return {
    process,
    name: view.name,
    state: view.state,
    calls,
    failures: view.failures,
    failureRate: calls === 0 ? null : view.failures / calls,
    lastTransitionAt: view.lastTransitionAt?.toISOString() ?? null,
    lastTransitionCause: view.lastTransitionCause === '' ? null : view.lastTransitionCause,
    detail: '',
    actions: true,
  };
}
