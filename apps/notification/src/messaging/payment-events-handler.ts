import type { EmailDispatcher } from '../email-dispatcher';
import { isValidAddress } from '../domain/email-request';
import { templateViolations } from '../domain/email-templates';
import { paymentEventCodec } from '@gaara/topology/codecs';
import { receiptRequest } from './receipt-for-payment';

/** pino-compatible subset; receives ids only, never addresses. */
interface HandlerLogger {
  info(obj: object, msg: string): void;
  warn(obj: object, msg: string): void;
}

/**
 * Handles one payments.events message: a SUCCEEDED payment gets one receipt (key `receipt:<payment id>`,
 * so a redelivered event sends nothing), other outcomes are ignored. A receipt that can never be sent (bad
 * address or params) is stored as failed. Database errors propagate: the consumer retries the message.
 */
export function paymentEventsHandler(
  dispatcher: EmailDispatcher,
  topic: string,
  logger?: HandlerLogger,
): (event: { value: string }) => Promise<void> {
  return async ({ value }) => {
    const event = paymentEventCodec.decode(value);
    const request = receiptRequest(event);
    const fields = { paymentId: event.paymentId, invoiceId: event.invoiceId };
    if (request === undefined) return;
    const violations = isValidAddress(request.to)
      ? templateViolations(request.template, request.params)
      : [{ field: 'receipt_email', description: 'is not an e-mail address' }];
    if (violations.length > 0) {
      const reason = violations.map((v) => `${v.field}: ${v.description}`).join('; ');
      const outcome = await dispatcher.recordUnsendable(request, reason);
      logger?.warn(
        { ...fields, notificationId: outcome.notificationId, reason },
        'receipt cannot be sent',
      );
      return;
    }
    const outcome = await dispatcher.sendOrQueue(request, topic);
    logger?.info(
      { ...fields, notificationId: outcome.notificationId, status: outcome.status },
      'receipt handled',
    );
  };
}
