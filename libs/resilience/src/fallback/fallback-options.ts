import type { Meter } from '@opentelemetry/api';
import type { Clock } from '../breaker/rolling-window';
import type { ErrorClassifier } from '../classify/classification';
import type { ResilienceLogger } from '../logger';
import type { Protocol } from '../policy/policy-config';

/** Options every fallback helper shares. */
export interface FallbackOptions {
  /** Dependency name, the `service` label of `resilience_fallbacks_total`. */
  readonly name: string;
  /** Entries kept (least recently written evicted first), defaults to 1000. */
  readonly maxEntries?: number;
  /** Clock in epoch milliseconds, defaults to `Date.now`. */
  readonly now?: Clock;
  /** Meter for `resilience_fallbacks_total`, defaults to the global `@gaara/resilience` meter. */
  readonly meter?: Meter;
  /** Logger for failed background refreshes, defaults to silent. */
  readonly logger?: ResilienceLogger;
  /**
   * Which errors may be answered from a fallback: those not classified `caller` (a NOT_FOUND must not be
   * hidden behind an old copy), plus rejections by an open breaker or a full bulkhead. Defaults to `'grpc'`.
   */
  readonly classify?: Protocol | ErrorClassifier;
}
