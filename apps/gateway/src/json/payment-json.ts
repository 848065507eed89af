import { paymentV1 } from '@gaara/contracts';

/**
 * Payment statuses as the HTTP API names them. `pending` means "will still change by itself" (in flight or
 * queued for a retry); `dead_lettered` means every retry failed and an operator must replay it.
 */
export type PaymentStatusName = 'succeeded' | 'pending' | 'failed' | 'dead_lettered' | 'unknown';

const statusNames: Readonly<Record<paymentV1.PaymentStatus, PaymentStatusName>> = {
  [paymentV1.PaymentStatus.UNSPECIFIED]: 'unknown',
  [paymentV1.PaymentStatus.PENDING]: 'pending',
  [paymentV1.PaymentStatus.QUEUED]: 'pending',
  [paymentV1.PaymentStatus.SUCCEEDED]: 'succeeded',
  [paymentV1.PaymentStatus.FAILED]: 'failed',
  [paymentV1.PaymentStatus.DEAD_LETTERED]: 'dead_lettered',
};

export function paymentStatusName(status: paymentV1.PaymentStatus): PaymentStatusName {
  return statusNames[status] ?? 'unknown';
}

/** A payment as the order's answer shows it: no amounts (the invoice has them), no provider details. */
export function orderPaymentJson(payment: paymentV1.Payment, replayed: boolean) {
  return { id: payment.id, status: paymentStatusName(payment.status), replayed };
}
