/** Stable codes of {@link TelemetryError}. */
export type TelemetryErrorCode = 'TELEMETRY_ALREADY_STARTED';

/** Misuse of the telemetry start-up API (not an export failure: those are logged, never thrown). */
export class TelemetryError extends Error {
  constructor(
    readonly code: TelemetryErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'TelemetryError';
  }
}
