import { type catalogV1, paymentV1 } from '@gaara/contracts';
import {
  FailedPreconditionError,
  NotFoundError,
  UnimplementedError,
  type GrpcClient,
} from '@gaara/grpc';
import { protoJsonCodec, type DeadLetterEntry } from '@gaara/messaging';
import type { Policy } from '@gaara/resilience';
import { callDependency } from '../errors/call-dependency';

/** The clients and policies a payment replay check calls through. */
export interface PaymentReplayAdmissionOptions {
  readonly payment: Pick<GrpcClient<typeof paymentV1.PaymentService>, 'getPayment'>;
  readonly paymentPolicy: Policy;
  readonly catalog: Pick<GrpcClient<typeof catalogV1.CatalogService>, 'renewReservation'>;
  readonly catalogPolicy: Policy;
}

/**
 * Before a dead-lettered charge goes back on the retry tiers, holds its order's stock again: the catalog
 * released it when the payment dead-lettered. Gone stock refuses the entry with the catalog's reason (it stays
 * on the dead-letter topic, nothing is charged); an order without a reservation, a catalog without
 * reservations, or an entry that is not a charge task, is admitted as before. Unavailability of payment or catalog rejects, so nothing is replayed.
 */
export function paymentReplayAdmission(
  options: PaymentReplayAdmissionOptions,
): (entry: DeadLetterEntry) => Promise<string | undefined> {
  return async (entry) => {
    const paymentId = chargeTaskPaymentId(entry.value);
    if (paymentId === undefined) return undefined;
    try {
      const { payment } = await callDependency('payment', options.paymentPolicy, (attempt) =>
        options.payment.getPayment({ id: paymentId }, { signal: attempt.signal }),
      );
      const reservationId = payment?.invoiceId ?? '';
      if (reservationId === '') return undefined;
      await callDependency('catalog', options.catalogPolicy, (attempt) =>
        options.catalog.renewReservation({ reservationId, paymentId }, { signal: attempt.signal }),
      );
      return undefined;
    } catch (error: unknown) {
      if (error instanceof FailedPreconditionError) {
        return `the order's stock is gone, not replayed: ${error.message}`;
      }
      // No such payment or reservation, or a catalog without reservations: replayed as before they existed.
      if (error instanceof NotFoundError || error instanceof UnimplementedError) return undefined;
      throw error;
    }
  };
}

const chargeTasks = protoJsonCodec(paymentV1.ChargeTaskSchema, ['paymentId']);

function chargeTaskPaymentId(value: string): string | undefined {
  try {
    return chargeTasks.decode(value).paymentId;
  } catch {
    // Not a charge task: replaying it is the payment service's business (it dead-letters poison again).
    return undefined;
  }
}
