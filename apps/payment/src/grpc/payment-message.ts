import type { MessageInitShape } from '@bufbuild/protobuf';
import { timestampFromDate } from '@bufbuild/protobuf/wkt';
import { commonV1, paymentV1 } from '@gaara/contracts';
import type { BreakerState } from '@gaara/resilience';
import { countsByWireStatus } from '@gaara/tasks';
import type { Payment, PaymentStatus } from '../domain/payment';
import type { PaymentStats } from '../payments';

const STATUS_TO_WIRE: Readonly<Record<PaymentStatus, paymentV1.PaymentStatus>> = {
  pending: paymentV1.PaymentStatus.PENDING,
  // In flight is still pending to the outside.
  processing: paymentV1.PaymentStatus.PENDING,
  succeeded: paymentV1.PaymentStatus.SUCCEEDED,
  failed: paymentV1.PaymentStatus.FAILED,
  queued: paymentV1.PaymentStatus.QUEUED,
  dead_lettered: paymentV1.PaymentStatus.DEAD_LETTERED,
};

const BREAKER_TO_WIRE: Readonly<Record<BreakerState, commonV1.BreakerState>> = {
  closed: commonV1.BreakerState.CLOSED,
  open: commonV1.BreakerState.OPEN,
  'half-open': commonV1.BreakerState.HALF_OPEN,
  isolated: commonV1.BreakerState.OPEN,
};

/** The wire form of a payment (no token, no e-mail). */
export function toPaymentMessage(
  payment: Payment,
): MessageInitShape<typeof paymentV1.PaymentSchema> {
  return {
    id: payment.id,
    invoiceId: payment.invoiceId,
    amountMinor: payment.amountMinor,
    currency: payment.currency,
    status: STATUS_TO_WIRE[payment.status],
    providerChargeId: payment.providerChargeId ?? '',
    attempts: payment.attempts,
    lastError: payment.lastError ?? '',
    createdAt: timestampFromDate(payment.createdAt),
    updatedAt: timestampFromDate(payment.updatedAt),
  };
}

/** The wire form of the statistics; pending and processing are summed as PENDING. */
export function toStatsMessage(
  stats: PaymentStats,
): MessageInitShape<typeof paymentV1.PaymentStatsSchema> {
  return {
    statusCounts: countsByWireStatus(stats.statusCounts, STATUS_TO_WIRE),
    lastHourCounts: countsByWireStatus(stats.lastHourCounts, STATUS_TO_WIRE),
    retryTopics: stats.retryTopics.map((topic) => ({
      topic: topic.topic,
      depth: BigInt(topic.depth),
    })),
    deadLetterCount: BigInt(stats.deadLetterCount),
    breakers: stats.breakers.map((breaker) => ({
      name: breaker.name,
      state: BREAKER_TO_WIRE[breaker.state],
    })),
  };
}
