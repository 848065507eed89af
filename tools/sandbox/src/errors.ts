/** Stable codes callers branch on; the message is for humans only. */
export type SandboxErrorCode =
  | 'INVALID_CONFIG'
  | 'INVALID_CONTROL'
  | 'UNKNOWN_PROVIDER'
  | 'UNKNOWN_VIEW'
  | 'LISTEN_FAILED'
  | 'CONTROL_REQUEST_FAILED';

/** Base of every error the sandbox throws. */
export abstract class SandboxError extends Error {
  abstract readonly code: SandboxErrorCode;

  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    // Named once here for every subclass (SandboxConfigError, ...), as the services' CodedError does.
    this.name = new.target.name;
  }
}

/** An environment variable holds a value the sandbox cannot use. */
export class SandboxConfigError extends SandboxError {
  readonly code = 'INVALID_CONFIG';
  constructor(
    readonly variable: string,
    readonly reason: string,
  ) {
    super(`${variable} ${reason}`);
  }
}

/** A control request body names an unknown field or holds a value out of range. */
export class ControlValidationError extends SandboxError {
  readonly code = 'INVALID_CONTROL';
  constructor(
    readonly field: string,
    readonly reason: string,
  ) {
    super(`${field}: ${reason}`);
  }
}

/** A control request names a provider the sandbox does not run. */
export class UnknownProviderError extends SandboxError {
  readonly code = 'UNKNOWN_PROVIDER';
  constructor(readonly provider: string) {
    super(`no provider named "${provider}"`);
  }
}

/** A control read names a view the provider does not offer, e.g. `GET /_control/external/charges`. */
export class UnknownControlViewError extends SandboxError {
  readonly code = 'UNKNOWN_VIEW';
  constructor(
    readonly provider: string,
    readonly view: string,
  ) {
    super(`provider "${provider}" has no control view "${view}"`);
  }
}

/** A provider or control listener could not bind its address (port taken, permission). */
export class ListenFailedError extends SandboxError {
  readonly code = 'LISTEN_FAILED';
  constructor(
    readonly address: string,
    options: { cause: unknown },
  ) {
    super(`cannot listen on ${address}`, options);
  }
}

/** Details of a failed control request. */
export interface SandboxControlErrorDetails {
  /** HTTP status; absent when the sandbox could not be reached. */
  readonly status?: number;
  /** Offending field of a rejected fault update. */
  readonly field?: string;
  readonly reason?: string;
  readonly cause?: unknown;
}

/** The control endpoint refused a request or could not be reached. */
export class SandboxControlError extends SandboxError {
  readonly code = 'CONTROL_REQUEST_FAILED';
  readonly status: number | undefined;
  readonly field: string | undefined;
  readonly reason: string | undefined;

  constructor(message: string, details: SandboxControlErrorDetails = {}) {
    super(message, { cause: details.cause });
    this.status = details.status;
    this.field = details.field;
    this.reason = details.reason;
  }
}
