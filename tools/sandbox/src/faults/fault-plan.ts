import { defaultFaultSettings, type FaultSettings, type FaultUpdate } from './fault-settings';
import { seededRandom } from './seeded-random';

/** What to do with one incoming call. */
export type FaultDecision =
  | { readonly kind: 'hang' }
  | { readonly kind: 'fail'; readonly status: number; readonly latencyMs: number }
  | { readonly kind: 'pass'; readonly latencyMs: number };

/**
 * The fault settings of one provider and the per-call decision they imply; transport-agnostic so
 * HTTP providers and the SMTP sink share it. Precedence: hang, then failNext, errorPattern, errorRate.
 */
export class FaultPlan {
  private current: FaultSettings = defaultFaultSettings;
  private random = seededRandom(defaultFaultSettings.seed);
  private patternPosition = 0;

  get settings(): FaultSettings {
    return this.current;
  }

  /** Applies a validated update; `reset` first restores defaults. */
  apply(update: FaultUpdate): void {
    const { reset, ...changes } = update;
    const base = reset === true ? defaultFaultSettings : this.current;
    this.current = { ...base, ...changes };
    if (reset === true || changes.seed !== undefined) this.random = seededRandom(this.current.seed);
    if (reset === true || changes.errorPattern !== undefined) this.patternPosition = 0;
  }

  /** Decides the fate of the next call and consumes `failNext` or a pattern step accordingly. */
  decide(): FaultDecision {
    const { hang, latencyMs, errorStatus } = this.current;
    if (hang) return { kind: 'hang' };
    return this.shouldFail()
      ? { kind: 'fail', status: errorStatus, latencyMs }
      : { kind: 'pass', latencyMs };
  }

  private shouldFail(): boolean {
    const { failNext, errorPattern, errorRate } = this.current;
    if (failNext > 0) {
      this.current = { ...this.current, failNext: failNext - 1 };
      return true;
    }
    if (errorPattern !== null) {
      const step = errorPattern[this.patternPosition % errorPattern.length];
      this.patternPosition += 1;
      return step === 'x';
    }
    if (errorRate >= 1) return true;
    return errorRate > 0 && this.random() < errorRate;
  }
}
