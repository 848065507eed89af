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

/** pending → failed. Failing an already failed invoice is a no-op; a paid invoice cannot fail. */
export function decideFailed(invoice: Pick<Invoice, 'id' | 'status'>): TransitionOutcome {
  switch (invoice.status) {
    case 'pending':
      return 'changed';
    case 'failed':
      return 'unchanged';
    case 'paid':
      throw new IllegalTransitionError(`invoice ${invoice.id} is already paid and cannot fail`);
  }
}
