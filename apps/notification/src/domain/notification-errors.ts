import { CodedError, RequestViolationsError } from '@gaara/service';

/** Errors of the notification domain; `code` is stable. Mapped to gRPC statuses in grpc/to-grpc-error.ts. */
export abstract class NotificationError extends CodedError {}

/** The request is malformed (bad address, unknown template, missing params); `violations` say why. */
export class InvalidEmailRequestError extends RequestViolationsError {
  readonly code = 'INVALID_EMAIL_REQUEST';
}

/**
 * The SMTP server could not take the e-mail. `transient` (4xx, connection error, timeout, open breaker): a
 * later attempt may succeed; otherwise (5xx) it never will. The message is sanitized.
 */
export class EmailDeliveryError extends NotificationError {
  readonly code = 'EMAIL_DELIVERY_FAILED';
  constructor(
    message: string,
    readonly transient: boolean,
    /** Short class of the failure for headers and logs, e.g. "smtp-451", "ECONNECTION", "CIRCUIT_OPEN". */
    readonly errorClass: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}
