import { create } from '@bufbuild/protobuf';
import { timestampFromDate } from '@bufbuild/protobuf/wkt';
import { paymentV1 } from '@gaara/contracts';
import { messageHeaders, type MessageToPublish, type RetryTopology } from '@gaara/messaging';
import { taskKind, type LedgerTask } from '@gaara/tasks';
import { paymentEventCodec } from '@gaara/topology/codecs';
import type { Payment } from '../domain/payment';

/** The ChargeTasks on payments.retry.*: `type` is their `gaara-type`, `parse` reads one (throws: poison). */
export const chargeTasks = taskKind(paymentV1.ChargeTaskSchema, 'paymentId');
/** The `gaara-type` of PaymentEvent messages on payments.events. */
export const PAYMENT_EVENT_TYPE = paymentEventCodec.type;

/** A ChargeTask as read from a retry topic (`attemptsBefore`: provider calls made when the chain started). */
export type ChargeTask = LedgerTask<'paymentId'>;

/** The first-tier ChargeTask of a chain starting at `attemptsBefore` provider calls (key = payment id). */
export function chargeTaskMessage(
  topology: RetryTopology,
  paymentId: string,
  attemptsBefore: number,
  error: unknown,
): MessageToPublish {
  const originalTopic = topology.tiers[0]?.topic ?? topology.deadLetterTopic;
  return chargeTasks.firstTierMessage(
    topology,
    { paymentId, attemptsBefore },
    originalTopic,
    error,
  );
}

/** Outcome statuses a PaymentEvent reports. */
export type EventStatus = 'succeeded' | 'failed' | 'dead_lettered';

const EVENT_STATUS: Readonly<Record<EventStatus, paymentV1.PaymentStatus>> = {
  succeeded: paymentV1.PaymentStatus.SUCCEEDED,
  failed: paymentV1.PaymentStatus.FAILED,
  dead_lettered: paymentV1.PaymentStatus.DEAD_LETTERED,
};

/** What a PaymentEvent says about one outcome. */
export interface PaymentOutcome {
  readonly payment: Pick<Payment, 'id' | 'invoiceId' | 'amountMinor' | 'currency'>;
  readonly status: EventStatus;
  /** PII, carried for the receipt only. */
  readonly receiptEmail: string | undefined;
  readonly providerChargeId?: string;
  readonly failureReason?: string;
}

/** The PaymentEvent of an outcome on `topic` (key = invoice id, event id = `<payment id>:<STATUS>`). */
export function paymentEventMessage(topic: string, outcome: PaymentOutcome): MessageToPublish {
  const status = EVENT_STATUS[outcome.status];
  const event = create(paymentV1.PaymentEventSchema, {
    eventId: `${outcome.payment.id}:${paymentV1.PaymentStatus[status]}`,
    paymentId: outcome.payment.id,
    invoiceId: outcome.payment.invoiceId,
    status,
    amountMinor: outcome.payment.amountMinor,
    currency: outcome.payment.currency,
    receiptEmail: outcome.receiptEmail ?? '',
    providerChargeId: outcome.providerChargeId ?? '',
    failureReason: outcome.failureReason ?? '',
    occurredAt: timestampFromDate(new Date()),
  });
  return {
    topic,
    key: outcome.payment.invoiceId,
    value: paymentEventCodec.encode(event),
    headers: { [messageHeaders.type]: PAYMENT_EVENT_TYPE },
  };
}
