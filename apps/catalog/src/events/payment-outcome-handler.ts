import { paymentV1 } from '@gaara/contracts';
import { paymentEventCodec } from '@gaara/topology/codecs';
import type { SettleResult, StockLedger } from '../data/stock-ledger';
import { InvalidRequestError } from '../domain/catalog-errors';
import { parseProductId } from '../domain/list-request';
import type { Settlement } from '../domain/reservation';

/** pino-compatible subset; ids only. */
interface HandlerLogger {
  info(obj: object, msg: string): void;
  warn(obj: object, msg: string): void;
}

/** The settlement a payment event asks for, if any: SUCCEEDED confirms; FAILED and DEAD_LETTERED release. */
export function settlementOf(event: paymentV1.PaymentEvent): Settlement | undefined {
  switch (event.status) {
    case paymentV1.PaymentStatus.SUCCEEDED:
      return { kind: 'confirm' };
    case paymentV1.PaymentStatus.FAILED:
      return { kind: 'release', reason: `payment failed: ${event.failureReason || 'declined'}` };
    case paymentV1.PaymentStatus.DEAD_LETTERED:
      // Released now; the dead-letter replay holds the units again first (RenewReservation) or is refused.
      return { kind: 'release', reason: 'payment dead-lettered' };
    default:
      return undefined;
  }
}

/**
 * Settles the order's reservation (its id is the invoice id) from one payments.events message, once: the
 * ledger's state machine makes a duplicated or replayed event a no-op. An invoice id that is not a UUID
 * or has no reservation (an order placed before reservations existed) is acknowledged with a warning;
 * malformed JSON is poison (dead-lettered at once); database errors propagate so the consumer retries.
 */
export function paymentOutcomeHandler(
  stock: Pick<StockLedger, 'settle'>,
  logger?: HandlerLogger,
): (event: { value: string }) => Promise<SettleResult | undefined> {
  return async ({ value }) => {
    const event = paymentEventCodec.decode(value);
    const settlement = settlementOf(event);
    if (settlement === undefined) return undefined;
    const fields = {
      invoiceId: event.invoiceId,
      paymentId: event.paymentId,
      settlement: settlement.kind,
    };
    let id: string;
    try {
      id = parseProductId(event.invoiceId, 'invoice_id');
    } catch (error: unknown) {
      if (!(error instanceof InvalidRequestError)) throw error;
      logger?.warn(fields, 'payment event ignored: invoice id is not a UUID');
      return undefined;
    }
    const result = await stock.settle(id, settlement, event.paymentId || undefined);
    if (result === 'unknown') logger?.warn(fields, 'payment event ignored: no reservation for it');
    else if (result === 'shortfall')
      logger?.warn(fields, 'paid after release with the stock gone: refund due');
    else logger?.info({ ...fields, result }, 'reservation settled from payment event');
    return result;
  };
}
