import { eventually } from '@gaara/db/testing';
import { createPolicy } from '@gaara/resilience';
import { startSandbox, type RunningSandbox } from '@gaara/sandbox';
import { classifyEmailError } from './classify-smtp-error';
import type { OutgoingEmail } from './email-sender';
import { SmtpEmailSender } from './smtp-email-sender';

// The sandbox's SMTP sink: `hang` holds the reply to DATA until the fault is cleared (then answers 421).
const ATTEMPT_TIMEOUT_MS = 300;

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
        { timeoutMs: ATTEMPT_TIMEOUT_MS, retry: { maxAttempts: 1 }, classify: classifyEmailError },
        { registry: false },
      ),
      // One connection: a second e-mail waits in nodemailer's queue behind the hung one.
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
