/** The faults one provider currently injects; every field has a harmless default. */
export interface FaultSettings {
  /** Share of calls answered with `errorStatus`, 0..1, drawn from a seeded generator. Default 0. */
  readonly errorRate: number;
  /** HTTP status of injected failures, 400..599. Default 500. */
  readonly errorStatus: number;
  /** Added before every answer, in milliseconds. Default 0. */
  readonly latencyMs: number;
  /** Accept calls and never answer; the socket stays open until the client gives up. Default false. */
  readonly hang: boolean;
  /** The provider's listener is closed, so connects fail with ECONNREFUSED. Default false. */
  readonly down: boolean;
  /** The next this-many calls fail with `errorStatus`, before `errorPattern` and `errorRate`. Default 0. */
  readonly failNext: number;
  /** Cyclic pattern of `x` (fail) and `.` (succeed) applied call by call; null = none. Default null. */
  readonly errorPattern: string | null;
  /** Seed of the generator behind `errorRate`; setting it restarts the sequence. Default 1. */
  readonly seed: number;
}

/** A partial change of faults; `reset: true` restores defaults and clears counters before the rest applies. */
export type FaultUpdate = Partial<FaultSettings> & { readonly reset?: boolean };

export const defaultFaultSettings: FaultSettings = Object.freeze({
  errorRate: 0,
  errorStatus: 500,
  latencyMs: 0,
  hang: false,
  down: false,
  failNext: 0,
  errorPattern: null,
  seed: 1,
});

/** Upper bound of `latencyMs`: ten minutes is longer than any client timeout worth testing. */
export const maxLatencyMs = 600_000;

/** Upper bound of `errorPattern` length, to keep control bodies small. */
export const maxErrorPatternLength = 1_000;
