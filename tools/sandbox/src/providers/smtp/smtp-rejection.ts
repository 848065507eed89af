/** SMTP reply of an injected transient failure: "local error in processing", the sender retries. */
export const transientRejectCode = 451;
/** SMTP reply of an injected permanent failure: "mailbox unavailable", the sender gives up. */
export const permanentRejectCode = 550;
/** SMTP reply when a held or delayed message is dropped (release, down, shutdown); closes the connection. */
export const closingReplyCode = 421;

/**
 * A refusal handed to smtp-server: it answers DATA with `responseCode` and `message`.
 * `responseCode` is the field name smtp-server reads.
 */
export class SmtpRejection extends Error {
  readonly code = 'SMTP_REJECTED';
  constructor(
    readonly responseCode: number,
    message: string,
  ) {
    super(message);
    this.name = 'SmtpRejection';
  }
}

/**
 * SMTP code of an injected failure: 451 unless `errorStatus` was set since the last reset to 500 or
 * more, then 550. The default errorStatus (500) therefore means a transient 451.
 * @param errorStatus the provider's `errorStatus` (an HTTP-style status, 400..599)
 * @param errorStatusSet whether a control update set `errorStatus` since the last reset
 */
export function rejectCodeFor(errorStatus: number, errorStatusSet: boolean): number {
  return errorStatusSet && errorStatus >= 500 ? permanentRejectCode : transientRejectCode;
}
