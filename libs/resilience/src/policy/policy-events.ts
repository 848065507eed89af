import type { BreakerState, BreakerTransition } from '../breaker/circuit-breaker';

/** Everything a policy reports, for tests, logs and custom hooks (`policy.events.on(...)`). */
export type PolicyEvent =
  | { readonly type: 'state-change'; readonly transition: BreakerTransition }
  | { readonly type: 'failure'; readonly error: unknown }
  | { readonly type: 'breaker-rejected'; readonly state: BreakerState }
  | { readonly type: 'bulkhead-rejected' }
  | { readonly type: 'timeout'; readonly timeoutMs: number }
  | {
      readonly type: 'retry';
      readonly attempt: number;
      readonly delayMs: number;
      readonly error: unknown;
    }
  | { readonly type: 'retry-budget-exhausted'; readonly error: unknown };
