import { SMTPServer, type SMTPServerDataStream } from 'smtp-server';

/** One e-mail the sink accepted; header names lower-cased. */
export interface SunkMail {
  readonly to: readonly string[];
  readonly subject: string;
  readonly messageId: string;
  readonly idempotencyKey: string;
  readonly raw: string;
}

/**
 * A tiny in-process SMTP server for the integration specs (stand-in until the sandbox's SMTP sink lands):
 * accepts everything, except recipients given a failure with {@link SmtpSink.failFor}; can go down and
 * come back on the same port.
 */
export interface SmtpSink {
  readonly port: number;
  readonly url: string;
  readonly messages: readonly SunkMail[];
  /** Mails accepted for an idempotency key. */
  mailsFor(idempotencyKey: string): SunkMail[];
  /** Answers RCPT for `recipient` with `code` (451 transient, 550 permanent) the next `times` times. */
  failFor(recipient: string, code: number, times?: number): void;
  /** Closes the listener and every connection: clients see ECONNREFUSED until {@link up}. */
  down(): Promise<void>;
  up(): Promise<void>;
  stop(): Promise<void>;
}

function header(raw: string, name: string): string {
  const head = raw.split(/\r?\n\r?\n/, 1)[0] ?? '';
  const match = new RegExp(`^${name}:[ \\t]*(.*(?:\\r?\\n[ \\t].*)*)`, 'im').exec(head);
  return (match?.[1] ?? '').replace(/\r?\n[ \t]+/g, ' ').trim();
}

async function readAll(stream: SMTPServerDataStream): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

export async function startSmtpSink(): Promise<SmtpSink> {
  const messages: SunkMail[] = [];
  const failures = new Map<string, { code: number; remaining: number }>();
  const create = (): SMTPServer =>
    new SMTPServer({
      authOptional: true,
      disabledCommands: ['AUTH', 'STARTTLS'],
      closeTimeout: 50,
      logger: false,
      onRcptTo(address, _session, callback) {
        const failure = failures.get(address.address);
        if (failure !== undefined && failure.remaining > 0) {
          failure.remaining -= 1;
          const error = Object.assign(new Error(`${failure.code} mailbox unavailable`), {
            responseCode: failure.code,
          });
          callback(error);
          return;
        }
        callback();
      },
      onData(stream, session, callback) {
        readAll(stream).then(
          (raw) => {
            messages.push({
              to: session.envelope.rcptTo.map((r) => r.address),
              subject: header(raw, 'subject'),
              messageId: header(raw, 'message-id'),
              idempotencyKey: header(raw, 'x-gaara-idempotency-key'),
              raw,
            });
            callback();
          },
          (error: unknown) => callback(error as Error),
        );
      },
    });
  const listen = (server: SMTPServer, port: number): Promise<number> =>
    new Promise((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => {
        const address = server.server.address();
        resolve(typeof address === 'object' && address !== null ? address.port : port);
      });
    });
  const close = (server: SMTPServer): Promise<void> =>
    new Promise((resolve) => server.close(() => resolve()));

  let server = create();
  const port = await listen(server, 0);
  let running = true;
  return {
    port,
    url: `smtp://127.0.0.1:${port}`,
    messages,
    mailsFor: (key) => messages.filter((m) => m.idempotencyKey === key),
    failFor: (recipient, code, times = Number.MAX_SAFE_INTEGER) => {
      failures.set(recipient, { code, remaining: times });
    },
    down: async () => {
      if (!running) return;
      running = false;
      await close(server);
    },
    up: async () => {
      if (running) return;
      server = create();
      await listen(server, port);
      running = true;
    },
    stop: async () => {
      if (running) await close(server);
      running = false;
    },
  };
}
