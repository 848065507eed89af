import { createTransport, type SentMessageInfo } from 'nodemailer';
import { type RunningSandbox, startSandbox } from '../../sandbox';
import { eventually, propertyOf } from '../../testing/spec-helpers';

interface MailOptions {
  readonly subject?: string;
  readonly idempotencyKey?: string;
}

/** Sends one message over a fresh connection, as the notification service would. */
function sendMail(sandbox: RunningSandbox, options: MailOptions = {}): Promise<SentMessageInfo> {
  const transport = createTransport({
    host: '127.0.0.1',
    port: sandbox.providers.smtp.port,
    secure: false,
    ignoreTLS: true,
    connectionTimeout: 2_000,
  });
  return transport
    .sendMail({
      from: 'Gaara Store <store@gaara.test>',
      to: 'Alice <alice@example.com>, bob@example.com',
      subject: options.subject ?? 'Your receipt',
      text: 'Thank you for your payment.',
      headers: { 'X-Gaara-Idempotency-Key': options.idempotencyKey ?? 'notification-1' },
    })
    .finally(() => transport.close());
}

/** The SMTP reply code a failed send got (`responseCode`), or the error code (e.g. ECONNECTION). */
async function failureOf(sending: Promise<unknown>): Promise<unknown> {
  const error = await sending.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  if (error === undefined) throw new Error('expected the send to fail');
  return propertyOf(error, 'responseCode') ?? propertyOf(error, 'code');
}

describe('SMTP sink', () => {
  let sandbox: RunningSandbox;

  beforeAll(async () => {
    sandbox = await startSandbox();
  });
  afterEach(() => sandbox.controls.resetAll());
  afterAll(() => sandbox.close());

  it('accepts a message and lists it parsed, idempotency header included', async () => {
    const info = await sendMail(sandbox, { idempotencyKey: 'n-42' });
    expect(info.response).toMatch(/^250 .*queued as msg_\d+/);
    const messages = await sandbox.controls.messages();
    expect(messages).toEqual([
      {
        id: expect.stringMatching(/^msg_\d+$/),
        messageId: info.messageId,
        from: 'store@gaara.test',
        to: ['alice@example.com', 'bob@example.com'],
        subject: 'Your receipt',
        text: 'Thank you for your payment.\n',
        html: undefined,
        headers: expect.objectContaining({
          'x-gaara-idempotency-key': 'n-42',
          subject: 'Your receipt',
        }),
        envelope: {
          mailFrom: 'store@gaara.test',
          rcptTo: ['alice@example.com', 'bob@example.com'],
        },
        receivedAt: expect.any(String),
      },
    ]);
    expect(messages[0]?.headers['from']).toContain('store@gaara.test');
  });

  it('rejects with a transient 451 on failNext and stores nothing, then accepts', async () => {
    await sandbox.controls.setFaults('smtp', { failNext: 1 });
    expect(await failureOf(sendMail(sandbox))).toBe(451);
    expect(await sandbox.controls.messages()).toEqual([]);
    await sendMail(sandbox);
    expect(await sandbox.controls.messages()).toHaveLength(1);
  });

  it('rejects with 451 on errorRate and on the marked steps of errorPattern', async () => {
    await sandbox.controls.setFaults('smtp', { errorRate: 1 });
    expect(await failureOf(sendMail(sandbox))).toBe(451);
    await sandbox.controls.setFaults('smtp', { errorRate: 0, errorPattern: 'x.' });
    expect(await failureOf(sendMail(sandbox))).toBe(451);
    await sendMail(sandbox);
    expect(await sandbox.controls.messages()).toHaveLength(1);
  });

  it('rejects permanently with 550 once errorStatus >= 500 is set, 451 for a 4xx one', async () => {
    await sandbox.controls.setFaults('smtp', { errorStatus: 503, failNext: 1 });
    expect(await failureOf(sendMail(sandbox))).toBe(550);
    await sandbox.controls.setFaults('smtp', { errorStatus: 429, failNext: 1 });
    expect(await failureOf(sendMail(sandbox))).toBe(451);
    await sandbox.controls.reset('smtp');
    await sandbox.controls.setFaults('smtp', { failNext: 1 });
    expect(await failureOf(sendMail(sandbox))).toBe(451);
  });

  it('counts DATA commands by SMTP reply code', async () => {
    await sandbox.controls.setFaults('smtp', { failNext: 1 });
    await failureOf(sendMail(sandbox));
    await sendMail(sandbox);
    const { counters } = await sandbox.controls.state('smtp');
    expect(counters).toEqual({
      received: 2,
      answered: 2,
      hangingNow: 0,
      byStatus: { '250': 1, '451': 1 },
    });
  });

  it('delays the reply to DATA by latencyMs', async () => {
    const latencyMs = 150;
    await sandbox.controls.setFaults('smtp', { latencyMs });
    const started = performance.now();
    await sendMail(sandbox);
    expect(performance.now() - started).toBeGreaterThanOrEqual(latencyMs - 1);
  });

  it('holds the reply to DATA while hang is set; reset answers 421 and stores nothing', async () => {
    await sandbox.controls.setFaults('smtp', { hang: true });
    const held = failureOf(sendMail(sandbox));
    await eventually(async () => (await sandbox.controls.state('smtp')).counters.hangingNow === 1);
    await sandbox.controls.reset('smtp');
    expect(await held).toBe(421);
    expect(await sandbox.controls.messages()).toEqual([]);
    await sendMail(sandbox);
    expect(await sandbox.controls.messages()).toHaveLength(1);
  });

  it('reset clears the stored messages', async () => {
    await sendMail(sandbox, { subject: 'one' });
    await sendMail(sandbox, { subject: 'two' });
    expect((await sandbox.controls.messages()).map((message) => message.subject)).toEqual([
      'one',
      'two',
    ]);
    const state = await sandbox.controls.reset('smtp');
    expect(state.state).toEqual({ messages: 0 });
    expect(await sandbox.controls.messages()).toEqual([]);
  });
});

describe('SMTP sink down', () => {
  let sandbox: RunningSandbox;

  beforeAll(async () => {
    sandbox = await startSandbox();
  });
  afterAll(() => sandbox.close());

  it('refuses connections while down (ECONNREFUSED) and accepts again once up', async () => {
    const down = await sandbox.controls.setFaults('smtp', { down: true });
    expect(down).toMatchObject({ up: false, url: sandbox.providers.smtp.url });
    const refused = await sendMail(sandbox).catch((error: unknown) => error);
    expect(String(propertyOf(refused, 'message'))).toContain('ECONNREFUSED');

    const up = await sandbox.controls.setFaults('smtp', { down: false });
    expect(up.url).toBe(down.url);
    await sendMail(sandbox);
    expect(await sandbox.controls.messages()).toHaveLength(1);
  });
});
