import type { Readable } from 'node:stream';
import { SMTPServer, type SMTPServerDataStream, type SMTPServerSession } from 'smtp-server';
import type { ProviderControlState, ProviderEndpoint } from '../../control/control-state';
import { parseProviderUpdate } from '../../control/parse-provider-update';
import { CallTally } from '../../faults/call-counters';
import { CancellableDelays } from '../../faults/cancellable-delays';
import { FaultPlan } from '../../faults/fault-plan';
import { smtpUrl } from '../../listener/smtp-url';
import { SwitchableListener } from '../../listener/switchable-listener';
import type { ProviderAddress, ProviderRuntime, ProviderUpdate } from '../provider-runtime';
import { readControlView } from '../read-control-view';
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
export class SmtpProviderRuntime implements ProviderRuntime {
  private readonly plan = new FaultPlan();
  private readonly tally = new CallTally();
  private readonly held = new HeldSmtpReplies();
  private readonly delays = new CancellableDelays();
  private readonly listener: SwitchableListener;
  // Whether errorStatus was chosen since the last reset: its default (500) must still mean transient.
  private errorStatusSet = false;

  private constructor(
    private readonly module: SmtpProviderModule,
    private readonly host: string,
    port: number,
  ) {
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

  get name(): string {
    return this.module.name;
  }

  get endpoint(): ProviderEndpoint {
    return {
      provider: this.module.name,
      url: smtpUrl(this.host, this.listener.port),
      port: this.listener.port,
      up: this.listener.isUp,
    };
  }

  snapshot(): ProviderControlState {
    const { provider, url, up } = this.endpoint;
    return {
      provider,
      url,
      up,
      faults: this.plan.settings,
      counters: this.tally.snapshot(this.held.count),
      state: this.module.describe(),
    };
  }

  parseUpdate(body: unknown): ProviderUpdate {
    return parseProviderUpdate(body, this.module.settings);
  }

  view(name: string): unknown {
    return readControlView(this.module, name);
  }

  /**
   * Applies a validated update: `reset` also clears counters and stored messages and answers held
   * DATA commands (421); clearing `hang` answers them too; `down` closes the listener, `down: false` reopens it.
   * @throws ListenFailedError when the listener cannot be reopened
   */
  async apply(update: ProviderUpdate): Promise<ProviderControlState> {
    const { faults, settings } = update;
    const wasHanging = this.plan.settings.hang;
    this.plan.apply(faults);
    if (faults.reset === true) {
      this.tally.clear();
      this.module.reset();
      this.errorStatusSet = false;
    }
    if (faults.errorStatus !== undefined) this.errorStatusSet = true;
    if (Object.keys(settings).length > 0) this.module.settings?.apply(settings);
    if (wasHanging && !this.plan.settings.hang) this.held.releaseAll();
    if (this.plan.settings.down) {
      this.delays.cancelAll();
      this.held.releaseAll();
      await this.listener.down();
    } else {
      await this.listener.up();
    }
    return this.snapshot();
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
