import { startDeadLetterFixture, type DeadLetterFixture } from './testing/dead-letter-fixture';
import {
  startGatewayHarness,
  testRetryDelays,
  type GatewayHarness,
} from './testing/gateway-harness';

// Real Kafka (the stack's broker, unique topic prefixes): listing and replaying are never mocked.
jest.setTimeout(60_000);

const list = (h: GatewayHarness, headers: Record<string, string> = {}, query = '') =>
  h.app.inject({ url: `/admin/dead-letters/payments${query}`, headers });
const replay = (h: GatewayHarness, payload: object, headers: Record<string, string> = {}) =>
  h.app.inject({ method: 'POST', url: '/admin/dead-letters/payments/replay', payload, headers });

describe('admin dead-letter routes (real Kafka)', () => {
  let h: GatewayHarness;
  let kafka: DeadLetterFixture;
  let auth: Record<string, string>;
  beforeAll(async () => {
    h = await startGatewayHarness();
    auth = { authorization: `Bearer ${h.adminToken}` };
    kafka = await startDeadLetterFixture(h.kafkaBrokers, h.topicPrefix, testRetryDelays.payments);
    await kafka.addDeadLetter('pay-1');
  });
  afterAll(async () => {
    await kafka.close();
    await h.close();
  });

  it.each([
    ['no header', {}],
    ['a wrong token', { authorization: 'Bearer not-the-token' }],
    ['a longer wrong token', { authorization: 'Bearer test-admin-token-0123456789x' }],
    ['another scheme', { authorization: 'Basic dGVzdDp0ZXN0' }],
    ['an empty bearer', { authorization: 'Bearer ' }],
  ])('%s → 401 and nothing replayed', async (_case, headers: Record<string, string>) => {
    const replayAll = await replay(h, { all: true }, headers);
    const replayOne = await replay(h, { partition: 0, offset: '0' }, headers);
    const listed = await list(h, headers);
    for (const response of [replayAll, replayOne, listed]) {
      expect(response.statusCode).toBe(401);
      expect(response.json()).toMatchObject({
        error: { code: 'UNAUTHORIZED', message: expect.any(String) },
      });
    }
    expect(await kafka.firstTierDepth()).toBe(0);
  });

  it('an unauthorized call is refused before validation: a bad body still answers 401', async () => {
    const response = await replay(h, { nonsense: 1 });
    expect(response.statusCode).toBe(401);
  });

  it('lists the entries with their headers; unknown queue → 404; limit is checked', async () => {
    const response = await list(h, auth, '?limit=10');
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({
      queue: 'payments',
      topic: `${h.topicPrefix}payments.dlt`,
      entries: [
        {
          partition: 0,
          offset: '0',
          key: 'pay-1',
          type: 'gaara.payment.v1.ChargeTask',
          replayed: false,
          headers: expect.objectContaining({ 'gaara-dead-letter-reason': 'retries exhausted' }),
        },
      ],
    });
    const unknown = await h.app.inject({ url: '/admin/dead-letters/orders', headers: auth });
    expect(unknown.statusCode).toBe(404);
    for (const limit of ['0', '501', 'ten']) {
      expect((await list(h, auth, `?limit=${limit}`)).statusCode).toBe(400);
    }
    expect((await replay(h, { all: false }, auth)).statusCode).toBe(400);
  });

  it('replays one entry, then "all" replays each remaining entry once', async () => {
    expect((await replay(h, { partition: 0, offset: '0' }, auth)).json()).toEqual({ replayed: 1 });
    expect(await kafka.firstTierDepth()).toBe(1);
    await kafka.addDeadLetter('pay-2');
    expect((await replay(h, { all: true }, auth)).json()).toEqual({ replayed: 2 });
    expect((await replay(h, { all: true }, auth)).json()).toEqual({ replayed: 0 });
    const listed = (await list(h, auth)).json();
    expect(listed.entries.map((entry: { replayed: boolean }) => entry.replayed)).toEqual([
      true,
      true,
    ]);
  });
});

describe('admin dead-letter listing redacts personal data (real Kafka)', () => {
  let h: GatewayHarness;
  let kafka: DeadLetterFixture;
  let auth: Record<string, string>;
  const pii = {
    receiptEmail: 'ada@example.com',
    customer: { customerEmail: 'Grace.Hopper+x@navy.example.org', to: 'someone' },
    note: 'bounced for ada@example.com twice',
  };
  beforeAll(async () => {
    h = await startGatewayHarness();
    auth = { authorization: `Bearer ${h.adminToken}` };
    kafka = await startDeadLetterFixture(h.kafkaBrokers, h.topicPrefix, testRetryDelays.payments);
    await kafka.addDeadLetter('pay-pii', pii);
  });
  afterAll(async () => {
    await kafka.close();
    await h.close();
  });

  it('lists the value with PII fields and e-mail addresses as [redacted]; replay sends the original', async () => {
    const response = await list(h, auth);
    expect(response.statusCode).toBe(200);
    expect(response.body).not.toMatch(/example\.(com|org)/);
    const [entry] = response.json().entries;
    expect(JSON.parse(entry.value)).toEqual({
      paymentId: 'pay-pii',
      attemptsBefore: 4,
      receiptEmail: '[redacted]',
      customer: { customerEmail: '[redacted]', to: '[redacted]' },
      note: 'bounced for [redacted] twice',
    });
    expect((await replay(h, { partition: 0, offset: '0' }, auth)).json()).toEqual({ replayed: 1 });
    const [replayed] = await kafka.firstTierValues();
    expect(JSON.parse(replayed ?? '{}')).toEqual({
      paymentId: 'pay-pii',
      attemptsBefore: 4,
      ...pii,
    });
  });
});

describe('admin routes disabled (no GAARA_ADMIN_TOKEN)', () => {
  let h: GatewayHarness;
  let kafka: DeadLetterFixture;
  beforeAll(async () => {
    h = await startGatewayHarness({ adminToken: '' });
    kafka = await startDeadLetterFixture(h.kafkaBrokers, h.topicPrefix, testRetryDelays.payments);
    await kafka.addDeadLetter('pay-1');
  });
  afterAll(async () => {
    await kafka.close();
    await h.close();
  });

  it.each<Record<string, string>>([
    {},
    { authorization: 'Bearer ' },
    { authorization: 'Bearer anything' },
  ])('every admin call → 401 (%j), nothing replayed', async (headers: Record<string, string>) => {
    expect((await replay(h, { all: true }, headers)).statusCode).toBe(401);
    expect((await list(h, headers)).statusCode).toBe(401);
    expect(await kafka.firstTierDepth()).toBe(0);
  });
});

describe('admin routes with Kafka unreachable', () => {
  let h: GatewayHarness;
  beforeAll(async () => (h = await startGatewayHarness({ kafkaBrokers: ['127.0.0.1:1'] })));
  afterAll(() => h.close());

  it('→ 503 with Retry-After naming kafka', async () => {
    const auth = { authorization: `Bearer ${h.adminToken}` };
    for (const response of [await list(h, auth), await replay(h, { all: true }, auth)]) {
      expect(response.statusCode).toBe(503);
      expect(response.headers['retry-after']).toMatch(/^[0-9]+$/);
      expect(response.json()).toMatchObject({ code: 'SERVICE_UNAVAILABLE', dependency: 'kafka' });
    }
  });
});
