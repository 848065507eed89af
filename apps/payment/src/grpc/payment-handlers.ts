import type { paymentV1 } from '@gaara/contracts';
import type { ServiceImplementation } from '@gaara/grpc';
import { parsePaymentId } from '../domain/charge-request';
import type { Payments } from '../payments';
import { toPaymentMessage, toStatsMessage } from './payment-message';
import { toGrpcError } from './to-grpc-error';

/** PaymentService over the use cases; every error goes through toGrpcError. */
export function paymentHandlers(
  payments: Payments,
): ServiceImplementation<typeof paymentV1.PaymentService> {
  return {
    // The caller's cancellation is not passed on: once started, a charge is finished or queued.
    async charge(request) {
      try {
        const result = await payments.charge({
          invoiceId: request.invoiceId,
          amountMinor: request.amountMinor,
          currency: request.currency,
          paymentMethodToken: request.paymentMethodToken,
          idempotencyKey: request.idempotencyKey,
          receiptEmail: request.receiptEmail,
        });
        return { payment: toPaymentMessage(result.payment), replayed: result.replayed };
      } catch (error: unknown) {
        throw toGrpcError(error);
      }
    },

    async getPayment(request) {
      try {
        return { payment: toPaymentMessage(await payments.get(parsePaymentId(request.id, 'id'))) };
      } catch (error: unknown) {
        throw toGrpcError(error);
      }
    },

    async getPaymentStats() {
      try {
        return { stats: toStatsMessage(await payments.stats()) };
      } catch (error: unknown) {
        throw toGrpcError(error);
      }
    },
  };
}
