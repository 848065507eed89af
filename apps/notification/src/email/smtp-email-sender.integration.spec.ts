import { eventually } from '@gaara/db/testing';
import { createPolicy } from '@gaara/resilience';
import { startSandbox, type RunningSandbox } from '@gaara/sandbox';
import { classifyEmailError } from './classify-smtp-error';
import { createEmailPolicy } from './email-policy';
import type { OutgoingEmail } from './email-sender';
import { SmtpEmailSender } from './smtp-email-sender';

// The sandbox's SMTP sink: `hang` holds the reply to DATA until the fault is cleared (then answers 421).
// A held reply is given up on after 1 s of silence (the reply timeout), inside the attempt's outer bound.
const REPLY_TIMEOUT_MS = 1000;
const CONNECT_TIMEOUT_MS = 1000;

const email = (subject: string): OutgoingEmail => ({
  to: 'ada@example.com',
  subject,
  text: 'Thank you.',
  messageId: `<${subject}@gaara.test>`,
  idempotencyKey: subject,
});

describe('SmtpEmailSender against the sandbox SMTP sink', () => {
  let sandbox: RunningSandbox;
  let sender: SmtpEmailSender;

  beforeAll(async () => {
    sandbox = await startSandbox();
    sender = new SmtpEmailSender({
      url: sandbox.providers.smtp.url,
      from: 'Gaara Store <store@gaara.test>',
      policy: createPolicy(
        'email-spec',
        {
          timeoutMs: CONNECT_TIMEOUT_MS + REPLY_TIMEOUT_MS,
          retry: { maxAttempts: 1 },
          classify: classifyEmailError,
        },
        { registry: false },
      ),
      connectTimeoutMs: CONNECT_TIMEOUT_MS,
      replyTimeoutMs: REPLY_TIMEOUT_MS,
      // One connection: a second e-mail waits for it behind the hung one.
      maxConnections: 1,
    });
  });
  afterAll(async () => {
    sender.close();
    await sandbox.close();
  });

  it('cancels timed-out attempts: releasing the hang delivers neither the hung nor the queued e-mail', async () => {
    await sandbox.controls.setFaults('smtp', { hang: true });
    const hung = sender.send(email('hung')).catch((error: unknown) => error);
    await eventually(async () => (await sandbox.controls.state('smtp')).counters.hangingNow === 1);
    const queued = sender.send(email('queued')).catch((error: unknown) => error);
    expect(await hung).toBeInstanceOf(Error);
    expect(await queued).toBeInstanceOf(Error);
    // The hung attempt's connection is gone: the sink has no DATA reply left to give.
    await eventually(async () => (await sandbox.controls.state('smtp')).counters.hangingNow === 0);

    await sandbox.controls.setFaults('smtp', { hang: false });
    // Sent after both on the same queue: once it arrived, anything still queued before it would have too.
    await sender.send(email('after'));
    const subjects = (await sandbox.controls.messages()).map((message) => message.subject);
    expect(subjects).toEqual(['after']);
  });
});

describe('SmtpEmailSender with the production email policy against a slow sink', () => {
  let sandbox: RunningSandbox;
  let sender: SmtpEmailSender | undefined;

  beforeAll(async () => {
    sandbox = await startSandbox();
  });
  afterEach(async () => {
    sender?.close();
    await sandbox.controls.reset('smtp');
  });
  afterAll(async () => {
    await sandbox.close();
  });

  /** Sends every subject at once; 'sent' or the error for each, once the sink answered every DATA it got. */
  async function sendAll(subjects: readonly string[]): Promise<unknown[]> {
    const results = await Promise.all(
      subjects.map((subject) =>
        (sender as SmtpEmailSender).send(email(subject)).then(
          () => 'sent',
          (error: unknown) => error,
        ),
      ),
    );
    // A sink that got the whole message keeps it even when the client hung up before its reply (RFC 1047).
    await eventually(async () => {
      const { counters } = await sandbox.controls.state('smtp');
      return counters.answered === counters.received;
    });
    return results;
  }

  async function failedButDelivered(subjects: readonly string[], results: readonly unknown[]) {
    const delivered = (await sandbox.controls.messages()).map((message) => message.subject);
    return subjects.filter((subject, i) => results[i] !== 'sent' && delivered.includes(subject));
  }

  it('waiting for a connection does not eat the attempt: nothing reported failed reaches the server', async () => {
    // One connection, 1.8 s per DATA reply: the third e-mail starts 3.6 s after it was handed over.
    await sandbox.controls.setFaults('smtp', { latencyMs: 1800 });
    sender = new SmtpEmailSender({
      url: sandbox.providers.smtp.url,
      from: 'Gaara Store <store@gaara.test>',
      policy: createEmailPolicy({ openMs: 60_000, registry: false }),
      maxConnections: 1,
    });
    const subjects = ['b1', 'b2', 'b3'];
    const results = await sendAll(subjects);
    // Reported failed yet stored: the retry tier's repeat is a second receipt.
    expect(await failedButDelivered(subjects, results)).toEqual([]);
    expect(results).toEqual(['sent', 'sent', 'sent']);
    expect((await sandbox.controls.messages()).map((m) => m.subject).sort()).toEqual(subjects);
  }, 30_000);

  it('waits for a slow reply to the end of DATA instead of giving the e-mail up', async () => {
    await sandbox.controls.setFaults('smtp', { latencyMs: 6000 });
    sender = new SmtpEmailSender({
      url: sandbox.providers.smtp.url,
      from: 'Gaara Store <store@gaara.test>',
      policy: createEmailPolicy({ openMs: 60_000, registry: false }),
    });
    const results = await sendAll(['slow']);
    expect(await failedButDelivered(['slow'], results)).toEqual([]);
    expect(results).toEqual(['sent']);
  }, 30_000);
});
