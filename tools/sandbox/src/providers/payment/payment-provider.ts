import { randomBytes } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { CancellableDelays } from '../../faults/cancellable-delays';
import { integerIn } from '../../faults/field-parsers';
import { maxLatencyMs } from '../../faults/fault-settings';
import type { HttpProviderModule } from '../http-provider-module';
import { cardOutcome } from './card-outcome';
import { IdempotencyStore } from './idempotency-store';
import { parsePaymentIntentRequest } from './parse-payment-intent-request';
import type { PaymentCharge, PaymentIntentRequest, ProviderAnswer } from './payment-intent';
import {
  bodyUnreadable,
  cardDeclined,
  idempotencyKeyInUse,
  idempotencyKeyMissing,
  idempotencyKeyReused,
  internalError,
  paymentMethodInvalid,
  unauthorized,
} from './stripe-errors';

/** Settings of the fake payment provider. */
export interface PaymentProviderOptions {
  /** Secret key callers must send as `Authorization: Bearer <key>`. Default `sk_test_sandbox`. */
  readonly apiKey?: string;
}

export const defaultPaymentKey = 'sk_test_sandbox';

/** Path of the charge endpoint on the provider's listener. */
export const paymentIntentsPath = '/v1/payment_intents';

/** Body of `GET /_control/payment/charges`. */
export interface PaymentChargesView {
  readonly charges: readonly PaymentCharge[];
}

/** Body of `GET /_control/payment/calls`: requests that reached the provider per Idempotency-Key. */
export interface PaymentCallsView {
  readonly calls: Readonly<Record<string, number>>;
}

function stripeId(prefix: string): string {
  return `${prefix}_${randomBytes(12).toString('hex')}`;
}

function idempotencyKeyOf(request: FastifyRequest): string | undefined {
  const key = request.headers['idempotency-key'];
  return typeof key === 'string' && key !== '' ? key : undefined;
}

function clientErrorStatus(error: unknown): number | undefined {
  const status = error instanceof Error ? Reflect.get(error, 'statusCode') : undefined;
  return typeof status === 'number' && status >= 400 && status < 500 ? status : undefined;
}

/**
 * The Stripe-shaped payment provider: `POST /v1/payment_intents` with `Authorization: Bearer <key>` and a
 * required `Idempotency-Key`. A key's first processed answer (success, decline, invalid card) is stored
 * and replayed; the same key with other parameters is refused (400), a key in flight too (409).
 * Setting `respondDelayMs` (milliseconds, default 0) records the charge first and delays the answer.
 */
export function createPaymentProvider(options: PaymentProviderOptions = {}): HttpProviderModule {
  const expectedAuthorization = `Bearer ${options.apiKey ?? defaultPaymentKey}`;
  const idempotency = new IdempotencyStore();
  const charges: PaymentCharge[] = [];
  const callsByKey = new Map<string, number>();
  const respondDelays = new CancellableDelays();
  let respondDelayMs = 0;

  const charge = (idempotencyKey: string, request: PaymentIntentRequest): ProviderAnswer => {
    const outcome = cardOutcome(request.paymentMethod);
    if (outcome === 'declined') return cardDeclined();
    if (outcome === 'invalid') return paymentMethodInvalid();
    const id = stripeId('pi');
    const chargeId = stripeId('ch');
    const { amount, currency, paymentMethod, receiptEmail, metadata } = request;
    charges.push({
      id,
      chargeId,
      idempotencyKey,
      amount,
      currency,
      paymentMethod,
      receiptEmail,
      metadata,
      createdAt: new Date().toISOString(),
    });
    return {
      status: 200,
      body: {
        id,
        object: 'payment_intent',
        status: 'succeeded',
        amount,
        currency,
        latest_charge: chargeId,
      },
    };
  };

  const handle = async (request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply> => {
    const send = (answer: ProviderAnswer, headers: Record<string, string> = {}) =>
      reply.code(answer.status).headers(headers).send(answer.body);
    if (request.headers.authorization !== expectedAuthorization) {
      return send(unauthorized(), { 'www-authenticate': 'Bearer' });
    }
    const key = idempotencyKeyOf(request);
    if (key === undefined) return send(idempotencyKeyMissing());
    const parsed = parsePaymentIntentRequest(request.body);
    if ('rejection' in parsed) return send(parsed.rejection);

    const known = idempotency.lookup(key, parsed.request);
    if (known.kind === 'in-flight') return send(idempotencyKeyInUse());
    if (known.kind === 'mismatch') return send(idempotencyKeyReused());
    if (known.kind === 'replay') return send(known.answer, { 'idempotent-replayed': 'true' });

    const release = idempotency.claim(key);
    try {
      const answer = charge(key, parsed.request);
      idempotency.store(key, parsed.request, answer);
      if (respondDelayMs > 0 && !(await respondDelays.wait(respondDelayMs))) {
        // Reset or shutdown: the charge stands, the answer is lost, as when a provider dies mid-call.
        request.raw.socket.destroy();
        return reply.hijack();
      }
      return send(answer);
    } finally {
      release();
    }
  };

  return {
    name: 'payment',
    register(app: FastifyInstance) {
      app.setErrorHandler((error, _request, reply) => {
        const status = clientErrorStatus(error);
        const answer =
          status !== undefined && error instanceof Error
            ? bodyUnreadable(status, error.message)
            : internalError();
        return reply.code(answer.status).send(answer.body);
      });
      app.post(paymentIntentsPath, handle);
    },
    onArrival(request: FastifyRequest) {
      const key = idempotencyKeyOf(request);
      if (key !== undefined) callsByKey.set(key, (callsByKey.get(key) ?? 0) + 1);
    },
    settings: {
      parsers: { respondDelayMs: integerIn(0, maxLatencyMs) },
      apply(values) {
        const delay = values['respondDelayMs'];
        if (typeof delay === 'number') respondDelayMs = delay;
      },
    },
    views: {
      charges: (): PaymentChargesView => ({ charges: [...charges] }),
      calls: (): PaymentCallsView => ({ calls: Object.fromEntries(callsByKey) }),
    },
    reset() {
      respondDelays.cancelAll();
      idempotency.clear();
      charges.length = 0;
      callsByKey.clear();
      respondDelayMs = 0;
    },
    describe() {
      return {
        respondDelayMs,
        charges: charges.length,
        storedKeys: idempotency.size,
        keysInFlight: idempotency.inFlight,
      };
    },
    close() {
      respondDelays.cancelAll();
    },
  };
}
