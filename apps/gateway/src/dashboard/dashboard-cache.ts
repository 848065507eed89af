import { failureDetail } from '@gaara/health';
import { markStale, unavailableDashboard, type DashboardJson } from '../json/dashboard-json';

/** Options of {@link DashboardCache}. */
export interface DashboardCacheOptions {
  /** Fetches the dashboard from the aggregator (through its breaker). */
  readonly load: () => Promise<DashboardJson>;
  /** A copy younger than this is served as is. */
  readonly freshMs: number;
  /** After the fresh window the copy is still served at once while one background refresh runs. */
  readonly staleMs: number;
  readonly now?: () => number;
  readonly onRefreshFailed?: (error: unknown) => void;
}

interface Copy {
  readonly json: DashboardJson;
  /** Serialized once per refresh, so serving it costs no JSON.stringify. */
  readonly body: string;
  readonly fetchedAt: number;
}

/**
 * The gateway's in-memory dashboard: a gRPC round trip per request would cap GET /api/dashboard at ~0.1× a
 * bare route, so requests are served from a pre-serialized copy and refreshed single-flight in the background
 * (stale-while-revalidate). Honesty is kept per section: the aggregator's statuses pass through; when the
 * aggregator itself cannot be reached the copy's ok sections turn stale, and past the stale window every
 * section is unavailable. The dashboard as a whole never fails.
 */
export class DashboardCache {
  private copy: Copy | undefined;
  private inflight: Promise<void> | undefined;
  private readonly now: () => number;
  private lastFailure = 'aggregator unavailable';
  /** What is served past the stale window: every section unavailable, with the last failure's reason. */
  private unavailableBody = JSON.stringify(unavailableDashboard(this.lastFailure));

  constructor(private readonly options: DashboardCacheOptions) {
    this.now = options.now ?? Date.now;
  }

  /** The dashboard as a JSON text; waits only when no usable copy exists. Never rejects. */
  async body(): Promise<string> {
    const copy = this.copy;
    if (copy !== undefined) {
      const age = this.now() - copy.fetchedAt;
      if (age <= this.options.freshMs) return copy.body;
      if (age <= this.options.freshMs + this.options.staleMs) {
        void this.refresh();
        return copy.body;
      }
    }
    await this.refresh();
    const fresh = this.copy;
    return fresh !== undefined &&
      this.now() - fresh.fetchedAt <= this.options.freshMs + this.options.staleMs
      ? fresh.body
      : this.unavailableBody;
  }

  /** Starts a refresh unless one runs; resolves when it settled. Never rejects. */
  refresh(): Promise<void> {
    this.inflight ??= this.options
      .load()
      .then(
        (json) => {
          this.copy = { json, body: JSON.stringify(json), fetchedAt: this.now() };
        },
        (error: unknown) => this.refreshFailed(error),
      )
      .finally(() => (this.inflight = undefined));
    return this.inflight;
  }

  private refreshFailed(error: unknown): void {
    this.lastFailure = failureDetail('aggregator', error);
    this.unavailableBody = JSON.stringify(unavailableDashboard(this.lastFailure));
    const copy = this.copy;
    if (copy !== undefined) {
      const json = markStale(copy.json, this.lastFailure);
      this.copy = { json, body: JSON.stringify(json), fetchedAt: copy.fetchedAt };
    }
    try {
      this.options.onRefreshFailed?.(error);
    } catch {
      // A logging hook must not break the dashboard.
    }
  }
}
