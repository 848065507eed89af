import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { classifyProviderError } from './classify-provider-error';
import { HttpPaymentProvider } from './http-payment-provider';
import type { ProviderChargeRequest } from './payment-provider';
import {
  ProviderDeclinedError,
  ProviderProtocolError,
  ProviderRejectedError,
  ProviderUnavailableError,
} from './provider-errors';

interface Received {
  readonly method: string | undefined;
  readonly url: string | undefined;
  readonly headers: IncomingHttpHeaders;
  readonly body: unknown;
}

/** A tiny provider stub: answers each request with the next queued reply (or hangs when told to). */
class ProviderStub {
  readonly received: Received[] = [];
  private readonly replies: Array<{ status: number; body: unknown } | 'hang'> = [];
  private readonly server: Server;

  constructor() {
    this.server = createServer((request, response) => {
      let raw = '';
      request.on('data', (chunk: Buffer) => (raw += chunk.toString()));
      request.on('end', () => {
        this.received.push({
          method: request.method,
          url: request.url,
          headers: request.headers,
          body: JSON.parse(raw) as unknown,
        });
        const reply = this.replies.shift() ?? { status: 500, body: {} };
        if (reply === 'hang') return;
        response.writeHead(reply.status, { 'content-type': 'application/json' });
        response.end(JSON.stringify(reply.body));
      });
    });
  }

  async listen(): Promise<string> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  reply(status: number, body: unknown): void {
    this.replies.push({ status, body });
  }

  hang(): void {
    this.replies.push('hang');
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}

const request: ProviderChargeRequest = {
  idempotencyKey: 'pay_inv-1',
  amountMinor: 1250n,
  currency: 'EUR',
  paymentMethodToken: 'tok_visa',
  receiptEmail: 'ada@example.com',
  invoiceId: 'inv-1',
};

describe('HttpPaymentProvider (against a local HTTP stub)', () => {
  let stub: ProviderStub;
  let provider: HttpPaymentProvider;

  beforeEach(async () => {
    stub = new ProviderStub();
    provider = new HttpPaymentProvider({ baseUrl: await stub.listen(), apiKey: 'sk_test_unit' });
  });
  afterEach(() => stub.close());

  it('posts a confirmed Stripe-shaped payment intent with the key and the idempotency key', async () => {
    stub.reply(200, {
      id: 'pi_1',
      object: 'payment_intent',
      status: 'succeeded',
      amount: 1250,
      currency: 'eur',
      latest_charge: 'ch_1',
    });
    await expect(
      provider.createPaymentIntent(request, new AbortController().signal),
    ).resolves.toEqual({
      intentId: 'pi_1',
      chargeId: 'ch_1',
    });
    const [received] = stub.received;
    expect(received).toMatchObject({ method: 'POST', url: '/v1/payment_intents' });
    expect(received!.headers['authorization']).toBe('Bearer sk_test_unit');
    expect(received!.headers['idempotency-key']).toBe('pay_inv-1');
    expect(received!.body).toEqual({
      amount: 1250,
      currency: 'eur',
      payment_method: 'tok_visa',
      confirm: true,
      receipt_email: 'ada@example.com',
      metadata: { invoice_id: 'inv-1', payment_id: 'pay_inv-1' },
    });
  });

  it('maps 402 to a permanent decline with the provider code', async () => {
    stub.reply(402, { error: { type: 'card_error', code: 'card_declined', message: 'declined' } });
    const error = await provider
      .createPaymentIntent(request, new AbortController().signal)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ProviderDeclinedError);
    expect(error).toMatchObject({ declineCode: 'card_declined', permanent: true });
  });

  it('maps 400 to a permanent rejection', async () => {
    stub.reply(400, { error: { type: 'invalid_request_error', code: 'payment_method_invalid' } });
    await expect(
      provider.createPaymentIntent(request, new AbortController().signal),
    ).rejects.toBeInstanceOf(ProviderRejectedError);
  });

  it.each([409, 429, 500, 503, 401])(
    'maps %i to a transient ProviderUnavailableError',
    async (status) => {
      stub.reply(status, { error: { type: 'api_error' } });
      const error = await provider
        .createPaymentIntent(request, new AbortController().signal)
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ProviderUnavailableError);
      expect(error).toMatchObject({ status, permanent: false });
    },
  );

  it('treats a 2xx without a succeeded intent as a transient protocol error', async () => {
    stub.reply(200, { unexpected: true });
    await expect(
      provider.createPaymentIntent(request, new AbortController().signal),
    ).rejects.toBeInstanceOf(ProviderProtocolError);
  });

  it('gives up when the signal aborts (the policy timeout)', async () => {
    stub.hang();
    const controller = new AbortController();
    const call = provider.createPaymentIntent(request, controller.signal);
    setTimeout(() => controller.abort(new Error('timeout')), 50);
    await expect(call).rejects.toThrow('timeout');
  });

  it('surfaces a refused connection as a network error (transient for the policy)', async () => {
    await stub.close();
    const error = await provider
      .createPaymentIntent(request, new AbortController().signal)
      .catch((e: unknown) => e);
    expect(classifyProviderError(error)).toBe('transient');
  });
});
