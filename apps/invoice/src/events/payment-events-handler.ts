import { paymentV1 } from '@gaara/contracts';
import { paymentEventCodec } from '@gaara/topology/codecs';
import {
  IllegalTransitionError,
  InvalidRequestError,
  InvoiceNotFoundError,
} from '../domain/invoice-errors';
import { parseInvoiceId } from '../domain/invoice-request';
import type { Invoices } from '../invoices';

/** `gaara-type` of the events on payments.events. */
export const PAYMENT_EVENT_TYPE = paymentEventCodec.type;

/** Longest failure reason stored on an invoice, in characters (MarkInvoiceFailed's limit). */
const MAX_REASON_LENGTH = 500;

/** pino-compatible subset; ids only, never the receipt address. */
interface HandlerLogger {
  info(obj: object, msg: string): void;
  warn(obj: object, msg: string): void;
}

/**
 * Handles one payments.events message with the MarkInvoicePaid / MarkInvoiceFailed use cases: SUCCEEDED →
 * paid (with the payment id), FAILED → failed (with the reason); DEAD_LETTERED leaves the invoice pending,
 * because a replay may still charge it. Replays are no-ops (the
 * transitions are idempotent). Acknowledged with a warning, never retried: a move the state machine forbids
 * (e.g. paid → failed) and an unknown or malformed invoice id (a test event for another schema, say).
 * Malformed JSON is poison (dead-lettered at once); database errors propagate so the consumer retries.
 */
export function paymentEventsHandler(
  invoices: Pick<Invoices, 'markPaid' | 'markFailed'>,
  logger?: HandlerLogger,
): (event: { value: string }, signal: AbortSignal) => Promise<void> {
  return async ({ value }, signal) => {
    const event = paymentEventCodec.decode(value);
    const fields = { paymentId: event.paymentId, invoiceId: event.invoiceId, status: event.status };
    try {
      const id = parseInvoiceId(event.invoiceId, 'invoice_id');
      switch (event.status) {
        case paymentV1.PaymentStatus.SUCCEEDED:
          await invoices.markPaid(id, event.paymentId, signal);
          break;
        case paymentV1.PaymentStatus.FAILED:
          await invoices.markFailed(id, failureReason(event), signal, event.paymentId);
          break;
        case paymentV1.PaymentStatus.DEAD_LETTERED:
          // Not final: an operator may replay it and charge it, so the invoice waits (the dashboard shows the DLT).
          logger?.warn(
            fields,
            'payment dead-lettered; invoice stays pending until a replay settles it',
          );
          return;
        default:
          return;
      }
      logger?.info(fields, 'invoice updated from payment event');
    } catch (error: unknown) {
      if (
        error instanceof IllegalTransitionError ||
        error instanceof InvoiceNotFoundError ||
        error instanceof InvalidRequestError
      ) {
        logger?.warn({ ...fields, code: error.code }, 'payment event ignored: ' + error.message);
        return;
      }
      throw error;
    }
  };
}

function failureReason(event: paymentV1.PaymentEvent): string {
  const reason = event.failureReason.trim();
  if (reason !== '') return reason.slice(0, MAX_REASON_LENGTH);
  return event.status === paymentV1.PaymentStatus.DEAD_LETTERED
    ? 'payment retries exhausted'
    : 'payment failed';
}
