import type { Readable } from 'node:stream';
import { SMTPServer, type SMTPServerDataStream, type SMTPServerSession } from 'smtp-server';
import type { FaultUpdate } from '../../faults/fault-settings';
import { smtpUrl } from '../../listener/smtp-url';
import { SwitchableListener } from '../../listener/switchable-listener';
import { FaultedProviderRuntime } from '../faulted-provider-runtime';
import type { ProviderAddress } from '../provider-runtime';
import { HeldSmtpReplies } from './held-smtp-replies';
import type { SmtpProviderModule } from './smtp-provider-module';
import {
  closingReplyCode,
  rejectCodeFor,
  SmtpRejection,
  transientRejectCode,
} from './smtp-rejection';

/** Largest message accepted, in bytes (smtp-server answers 552 above it). */
const maxMessageBytes = 10 * 1024 * 1024;
/** smtp-server's success code. */
const acceptedCode = 250;

type DataCallback = (error?: Error | null, message?: string) => void;

async function readAll(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream)
    chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk));
  return Buffer.concat(chunks);
}

/**
 * An SMTP provider module on its own switchable listener behind the shared fault plan (no auth, no TLS).
 * Faults act on DATA: `hang` holds the reply until released, `latencyMs` delays it, a failure answers
 * 451 (550 once `errorStatus` ≥ 500 was set); `down` closes the listener. Counters count DATA commands by reply code.
 */
export class SmtpProviderRuntime extends FaultedProviderRuntime<SmtpProviderModule> {
  protected readonly held = new HeldSmtpReplies();
  protected readonly listener: SwitchableListener;
  // Whether errorStatus was chosen since the last reset: its default (500) must still mean transient.
  private errorStatusSet = false;

  private constructor(module: SmtpProviderModule, host: string, port: number) {
    super(module, host);
    const server = new SMTPServer({
      logger: false,
      authOptional: true,
      disabledCommands: ['AUTH', 'STARTTLS'],
      size: maxMessageBytes,
      banner: 'Gaara sandbox SMTP sink',
      // A reverse DNS lookup per connection only slows tests and containers down.
      disableReverseLookup: true,
      onData: (stream, session, callback) => this.onData(stream, session, callback),
      onClose: (session) => this.held.forget(session.id),
    });
    // Socket errors of clients surface here; without a listener they would crash the process.
    server.on('error', () => undefined);
    this.listener = new SwitchableListener(server.server, host, port);
  }

  /**
   * Starts the SMTP server of `module` on `address`.
   * @throws ListenFailedError when the port cannot be bound
   */
  static async start(
    module: SmtpProviderModule,
    address: ProviderAddress,
  ): Promise<SmtpProviderRuntime> {
    const runtime = new SmtpProviderRuntime(module, address.host, address.port);
    await runtime.listener.up();
    return runtime;
  }

  protected urlOf(port: number): string {
    return smtpUrl(this.host, port);
  }

  protected override afterFaults(faults: FaultUpdate): void {
    if (faults.reset === true) this.errorStatusSet = false;
    if (faults.errorStatus !== undefined) this.errorStatusSet = true;
  }

  // Held DATA replies are answered (421) before their connections close.
  protected override beforeDown(): void {
    this.held.releaseAll();
  }

  /** Stops listening, answers held and delayed DATA commands; bounded even with calls in flight. */
  async close(): Promise<void> {
    this.delays.cancelAll();
    this.held.releaseAll();
    this.module.close?.();
    await this.listener.down();
  }

  private onData(stream: SMTPServerDataStream, session: SMTPServerSession, callback: DataCallback) {
    const generation = this.tally.receive();
    const decision = this.plan.decide();
    const rejectCode = rejectCodeFor(this.plan.settings.errorStatus, this.errorStatusSet);
    let answered = false;
    const answer = (code: number, error: Error | null, message?: string) => {
      if (answered) return;
      answered = true;
      this.tally.answer(generation, code);
      callback(error, message);
    };
    const reject = (code: number, message: string) =>
      answer(code, new SmtpRejection(code, message));
    const closing = () => reject(closingReplyCode, 'Sandbox SMTP sink closing the connection');

    const handle = async () => {
      const raw = await readAll(stream);
      if (decision.kind === 'hang') {
        this.held.hold(session.id, closing);
        return;
      }
      if (decision.latencyMs > 0 && !(await this.delays.wait(decision.latencyMs))) {
        closing();
        return;
      }
      if (decision.kind === 'fail') {
        reject(rejectCode, `Sandbox injected fault (errorStatus ${decision.status})`);
        return;
      }
      const mailFrom = session.envelope.mailFrom;
      const id = await this.module.accept(raw, {
        mailFrom: mailFrom === false ? undefined : mailFrom.address,
        rcptTo: session.envelope.rcptTo.map((recipient) => recipient.address),
      });
      answer(acceptedCode, null, `OK: queued as ${id}`);
    };
    handle().catch((error: unknown) => {
      // A client gone mid-message or an unparsable one: transient, nothing stored.
      const reason = error instanceof Error ? error.message : String(error);
      reject(transientRejectCode, `Message not accepted: ${reason}`);
    });
  }
}
