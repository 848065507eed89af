import { type RunningSandbox, startSandbox } from '../../sandbox';
import { eventually, isFetchFailure, propertyOf } from '../../testing/spec-helpers';

const apiKey = 'sk_test_spec';

interface ChargeCall {
  readonly status: number;
  readonly body: Record<string, unknown>;
  readonly replayed: boolean;
}

const visaCharge = {
  amount: 1999,
  currency: 'eur',
  payment_method: 'tok_visa',
  confirm: true,
  receipt_email: 'alice@example.com',
  metadata: { invoice_id: 'inv-1', payment_id: 'pay-1' },
};

function postCharge(
  sandbox: RunningSandbox,
  key: string | undefined,
  body: unknown = visaCharge,
  headers: Record<string, string> = { authorization: `Bearer ${apiKey}` },
): Promise<Response> {
  return fetch(`${sandbox.providers.payment.url}/v1/payment_intents`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(key === undefined ? {} : { 'idempotency-key': key }),
      ...headers,
    },
    body: JSON.stringify(body),
  });
}

async function charge(
  sandbox: RunningSandbox,
  key: string | undefined,
  body?: unknown,
  headers?: Record<string, string>,
): Promise<ChargeCall> {
  const response = await postCharge(sandbox, key, body, headers);
  return {
    status: response.status,
    body: (await response.json()) as Record<string, unknown>,
    replayed: response.headers.get('idempotent-replayed') === 'true',
  };
}

describe('payment provider', () => {
  let sandbox: RunningSandbox;

  beforeAll(async () => {
    sandbox = await startSandbox({ payment: { apiKey } });
  });
  afterEach(() => sandbox.controls.resetAll());
  afterAll(() => sandbox.close());

  describe('charges', () => {
    it('confirms a tok_visa charge with a Stripe-shaped payment intent and records it', async () => {
      const answer = await charge(sandbox, 'key-1');
      expect(answer.status).toBe(200);
      expect(answer.body).toEqual({
        id: expect.stringMatching(/^pi_/),
        object: 'payment_intent',
        status: 'succeeded',
        amount: 1999,
        currency: 'eur',
        latest_charge: expect.stringMatching(/^ch_/),
      });
      expect(await sandbox.controls.charges()).toEqual([
        {
          id: answer.body['id'],
          chargeId: answer.body['latest_charge'],
          idempotencyKey: 'key-1',
          amount: 1999,
          currency: 'eur',
          paymentMethod: 'tok_visa',
          receiptEmail: 'alice@example.com',
          metadata: { invoice_id: 'inv-1', payment_id: 'pay-1' },
          createdAt: expect.any(String),
        },
      ]);
    });

    it('accepts any other tok_ token', async () => {
      const answer = await charge(sandbox, 'key-mc', {
        ...visaCharge,
        payment_method: 'tok_mastercard',
      });
      expect(answer.status).toBe(200);
    });

    it('declines tok_chargeDeclined with 402 card_declined and charges nothing', async () => {
      const answer = await charge(sandbox, 'key-declined', {
        ...visaCharge,
        payment_method: 'tok_chargeDeclined',
      });
      expect(answer.status).toBe(402);
      expect(answer.body).toMatchObject({ error: { type: 'card_error', code: 'card_declined' } });
      expect(await sandbox.controls.charges()).toEqual([]);
    });

    it.each(['tok_invalid', 'pm_card_visa', 'tok_'])(
      'rejects %s with 400 payment_method_invalid',
      async (paymentMethod) => {
        const answer = await charge(sandbox, `key-${paymentMethod}`, {
          ...visaCharge,
          payment_method: paymentMethod,
        });
        expect(answer.status).toBe(400);
        expect(answer.body).toMatchObject({
          error: { type: 'invalid_request_error', code: 'payment_method_invalid' },
        });
        expect(await sandbox.controls.charges()).toEqual([]);
      },
    );

    it('answers 401 without the bearer key or with a wrong one', async () => {
      expect((await charge(sandbox, 'key-auth', visaCharge, {})).status).toBe(401);
      const wrong = await charge(sandbox, 'key-auth', visaCharge, { authorization: 'Bearer nope' });
      expect(wrong.status).toBe(401);
      expect(await sandbox.controls.charges()).toEqual([]);
    });

    it('answers 400 without an Idempotency-Key', async () => {
      const answer = await charge(sandbox, undefined);
      expect(answer.status).toBe(400);
      expect(answer.body).toMatchObject({ error: { code: 'idempotency_key_missing' } });
    });

    it('answers 400 parameter_invalid to a bad body without storing it under the key', async () => {
      const bad = await charge(sandbox, 'key-bad', { ...visaCharge, amount: '19.99' });
      expect(bad.status).toBe(400);
      expect(bad.body).toMatchObject({ error: { code: 'parameter_invalid', param: 'amount' } });
      expect((await charge(sandbox, 'key-bad')).status).toBe(200);
    });
  });

  describe('idempotency', () => {
    it('replays the stored answer for the same key: one charge, same body', async () => {
      const first = await charge(sandbox, 'key-twice');
      const second = await charge(sandbox, 'key-twice');
      expect(second).toEqual({ ...first, replayed: true });
      expect(await sandbox.controls.charges()).toHaveLength(1);
    });

    it('replays a decline as well', async () => {
      const declined = { ...visaCharge, payment_method: 'tok_chargeDeclined' };
      const first = await charge(sandbox, 'key-declined-twice', declined);
      const second = await charge(sandbox, 'key-declined-twice', declined);
      expect(second).toEqual({ ...first, replayed: true });
    });

    it('refuses the same key with other parameters: 400 idempotency_error, no new charge', async () => {
      await charge(sandbox, 'key-reused');
      const other = await charge(sandbox, 'key-reused', { ...visaCharge, amount: 2000 });
      expect(other.status).toBe(400);
      expect(other.body).toMatchObject({ error: { type: 'idempotency_error' } });
      const currency = await charge(sandbox, 'key-reused', { ...visaCharge, currency: 'usd' });
      expect(currency.status).toBe(400);
      expect(await sandbox.controls.charges()).toHaveLength(1);
    });

    it('charges once for concurrent calls with the same key: the others get 409 or the same answer', async () => {
      const answers = await Promise.all(
        Array.from({ length: 8 }, () => charge(sandbox, 'key-concurrent')),
      );
      const succeeded = answers.filter((answer) => answer.status === 200);
      expect(succeeded.length).toBeGreaterThanOrEqual(1);
      expect(new Set(succeeded.map((answer) => answer.body['id'])).size).toBe(1);
      for (const answer of answers.filter((a) => a.status !== 200)) {
        expect(answer.status).toBe(409);
        expect(answer.body).toMatchObject({ error: { type: 'idempotency_error' } });
      }
      expect(await sandbox.controls.charges()).toHaveLength(1);
    });

    it('answers 409 to a key whose first call is still being answered, then replays it', async () => {
      // Long enough that the second call surely arrives while the first answer is pending.
      await sandbox.controls.setFaults('payment', { respondDelayMs: 1_000 });
      const first = charge(sandbox, 'key-in-flight');
      await eventually(async () => (await sandbox.controls.charges()).length === 1);
      const during = await charge(sandbox, 'key-in-flight');
      expect(during.status).toBe(409);
      expect(during.body).toMatchObject({
        error: { type: 'idempotency_error', code: 'idempotency_key_in_use' },
      });
      const answered = await first;
      expect(answered.status).toBe(200);
      expect(await charge(sandbox, 'key-in-flight')).toEqual({ ...answered, replayed: true });
    });
  });

  describe('faults', () => {
    it('fails before any charge and stores nothing: failNext then the same key charges once', async () => {
      await sandbox.controls.setFaults('payment', { failNext: 1 });
      const faulted = await charge(sandbox, 'key-faulted');
      expect(faulted).toMatchObject({
        status: 500,
        body: { error: 'sandbox_injected_fault', status: 500 },
      });
      expect(await sandbox.controls.charges()).toEqual([]);
      const retried = await charge(sandbox, 'key-faulted');
      expect(retried.status).toBe(200);
      expect(retried.replayed).toBe(false);
      expect(await sandbox.controls.charges()).toHaveLength(1);
    });

    it('counts every call per key in calls(), faulted and refused ones included', async () => {
      await sandbox.controls.setFaults('payment', { errorPattern: 'x..' });
      await charge(sandbox, 'key-a');
      await charge(sandbox, 'key-a');
      await charge(sandbox, 'key-a', visaCharge, {});
      await charge(sandbox, 'key-b');
      await charge(sandbox, undefined);
      expect(await sandbox.controls.calls()).toEqual({ 'key-a': 3, 'key-b': 1 });
      const { counters } = await sandbox.controls.state('payment');
      expect(counters.byStatus).toEqual({ '200': 1, '400': 1, '401': 1, '500': 2 });
    });

    it('counts a call held by hang', async () => {
      await sandbox.controls.setFaults('payment', { hang: true });
      const held = postCharge(sandbox, 'key-held').catch((error: unknown) => error);
      await eventually(async () => (await sandbox.controls.calls())['key-held'] === 1);
      await sandbox.controls.reset('payment');
      expect(isFetchFailure(await held)).toBe(true);
      expect(await sandbox.controls.charges()).toEqual([]);
    });
  });

  describe('respondDelayMs', () => {
    it('records the charge before the delayed answer', async () => {
      const state = await sandbox.controls.setFaults('payment', { respondDelayMs: 200 });
      expect(state.state['respondDelayMs']).toBe(200);
      const started = performance.now();
      const pending = charge(sandbox, 'key-delayed');
      await eventually(async () => (await sandbox.controls.charges()).length === 1);
      const [recorded] = await sandbox.controls.charges();
      const answer = await pending;
      expect(performance.now() - started).toBeGreaterThanOrEqual(199);
      expect(answer.status).toBe(200);
      expect(answer.body['id']).toBe(recorded?.id);
    });

    it('keeps the charge when the payer gives up before the answer, and replays it later', async () => {
      await sandbox.controls.setFaults('payment', { respondDelayMs: 600 });
      const gaveUp = await fetch(`${sandbox.providers.payment.url}/v1/payment_intents`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          authorization: `Bearer ${apiKey}`,
          'idempotency-key': 'key-killed',
        },
        body: JSON.stringify(visaCharge),
        signal: AbortSignal.timeout(200),
      }).catch((error: unknown) => error);
      expect(propertyOf(gaveUp, 'name')).toBe('TimeoutError');
      await eventually(async () => (await sandbox.controls.charges()).length === 1);
      const [recorded] = await sandbox.controls.charges();
      await sandbox.controls.setFaults('payment', { respondDelayMs: 0 });
      // 409 until the delayed answer of the first call is sent, then the stored answer.
      await eventually(async () => (await charge(sandbox, 'key-killed')).status === 200, 3_000);
      const replay = await charge(sandbox, 'key-killed');
      expect(replay).toMatchObject({ status: 200, replayed: true, body: { id: recorded?.id } });
      expect(await sandbox.controls.charges()).toHaveLength(1);
    });

    it.each([-1, 1.5, '10', 600_001])(
      'rejects respondDelayMs %j naming the field',
      async (value) => {
        const response = await fetch(`${sandbox.url}/_control/payment`, {
          method: 'PUT',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ failNext: 1, respondDelayMs: value }),
        });
        expect(response.status).toBe(400);
        expect(await response.json()).toMatchObject({
          code: 'INVALID_CONTROL',
          field: 'respondDelayMs',
        });
        const { faults, state } = await sandbox.controls.state('payment');
        expect(faults.failNext).toBe(0);
        expect(state['respondDelayMs']).toBe(0);
      },
    );
  });

  describe('reset', () => {
    it('clears charges, calls, stored keys and respondDelayMs', async () => {
      const first = await charge(sandbox, 'key-reset');
      await sandbox.controls.setFaults('payment', { respondDelayMs: 50 });
      const state = await sandbox.controls.reset('payment');
      expect(state.state).toMatchObject({ respondDelayMs: 0, charges: 0, storedKeys: 0 });
      expect(await sandbox.controls.charges()).toEqual([]);
      expect(await sandbox.controls.calls()).toEqual({});
      const again = await charge(sandbox, 'key-reset');
      expect(again.replayed).toBe(false);
      expect(again.body['id']).not.toBe(first.body['id']);
    });
  });
});

describe('payment provider down', () => {
  let sandbox: RunningSandbox;

  beforeAll(async () => {
    sandbox = await startSandbox({ payment: { apiKey } });
  });
  afterAll(() => sandbox.close());

  it('refuses connections while down and charges again once up, on the same port', async () => {
    const down = await sandbox.controls.setFaults('payment', { down: true });
    expect(down.up).toBe(false);
    const refused = await postCharge(sandbox, 'key-down').catch((error: unknown) => error);
    expect(propertyOf(propertyOf(refused, 'cause'), 'code')).toBe('ECONNREFUSED');
    expect(await sandbox.controls.calls()).toEqual({});

    const up = await sandbox.controls.setFaults('payment', { down: false });
    expect(up.url).toBe(down.url);
    expect((await charge(sandbox, 'key-down')).status).toBe(200);
    expect(await sandbox.controls.charges()).toHaveLength(1);
  });
});
