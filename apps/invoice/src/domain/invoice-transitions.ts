import { IllegalTransitionError } from './invoice-errors';
import type { Invoice } from './invoice';

/** `changed`: store the new status; `unchanged`: the same request already took effect (idempotent replay). */
export type TransitionOutcome = 'changed' | 'unchanged';

/** pending → paid. Paying again with the same payment is a no-op; any other move is illegal. */
export function decidePaid(
  invoice: Pick<Invoice, 'id' | 'status' | 'paymentId'>,
  paymentId: string,
): TransitionOutcome {
  switch (invoice.status) {
    case 'pending':
      return 'changed';
    case 'paid':
      if (invoice.paymentId === paymentId) return 'unchanged';
      throw new IllegalTransitionError(`invoice ${invoice.id} is already paid by another payment`);
    case 'failed':
      throw new IllegalTransitionError(`invoice ${invoice.id} has failed and cannot be paid`);
  }
}

/**
 * pending → failed. Failing an already failed invoice is a no-op; a paid invoice cannot fail. With `paymentId`
 * (the payment that failed), an invoice reopened for another payment is not failed by it: a late or duplicate
 * failure of an earlier payment must not fail the re-charge that is pending or succeeded.
 */
export function decideFailed(
  invoice: Pick<Invoice, 'id' | 'status' | 'currentPaymentId'>,
  paymentId?: string,
): TransitionOutcome {
  switch (invoice.status) {
    case 'pending':
      if (
        paymentId !== undefined &&
        invoice.currentPaymentId !== undefined &&
        invoice.currentPaymentId !== paymentId
      ) {
        throw new IllegalTransitionError(
          `invoice ${invoice.id} waits on payment ${invoice.currentPaymentId}, not on ${paymentId}`,
        );
      }
      return 'changed';
    case 'failed':
      return 'unchanged';
    case 'paid':
      throw new IllegalTransitionError(`invoice ${invoice.id} is already paid and cannot fail`);
  }
}

/**
 * failed → pending for a new payment (a re-charge), which becomes the invoice's current payment. Reopening
 * again for the same payment is a no-op; a paid invoice, or one pending with another payment, is refused.
 */
export function decideReopened(
  invoice: Pick<Invoice, 'id' | 'status' | 'currentPaymentId'>,
  paymentId: string,
): TransitionOutcome {
  switch (invoice.status) {
    case 'failed':
      return 'changed';
    case 'pending':
      if (invoice.currentPaymentId === paymentId) return 'unchanged';
      throw new IllegalTransitionError(`invoice ${invoice.id} is pending: a payment is in flight`);
    case 'paid':
      throw new IllegalTransitionError(`invoice ${invoice.id} is already paid`);
  }
}
