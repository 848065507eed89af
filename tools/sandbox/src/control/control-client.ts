import { SandboxControlError } from '../errors';
import type { PaymentCharge } from '../providers/payment/payment-intent';
import type { PaymentCallsView, PaymentChargesView } from '../providers/payment/payment-provider';
import type { SmtpMessage, SmtpMessagesView } from '../providers/smtp/smtp-message';
import type {
  ControlErrorBody,
  ControlUpdate,
  ProviderControlState,
  ProviderEndpoint,
  SandboxProviderName,
} from './control-state';

/** Options of {@link SandboxControlClient}. */
export interface SandboxControlClientOptions {
  /** Per-request timeout in milliseconds. Default 5000. */
  readonly timeoutMs?: number;
}

function isControlErrorBody(body: unknown): body is ControlErrorBody {
  return typeof body === 'object' && body !== null && typeof Reflect.get(body, 'code') === 'string';
}

/** Typed client of a sandbox's HTTP control endpoint, in this process or another. */
export class SandboxControlClient {
  private readonly timeoutMs: number;

  /** @param baseUrl the sandbox's control URL, e.g. `http://127.0.0.1:8090` */
  constructor(
    readonly baseUrl: string,
    options: SandboxControlClientOptions = {},
  ) {
    this.timeoutMs = options.timeoutMs ?? 5_000;
  }

  /** True when `GET /_health` answers 200; false when unreachable. */
  async isHealthy(): Promise<boolean> {
    try {
      await this.request('GET', '/_health');
      return true;
    } catch (error: unknown) {
      if (error instanceof SandboxControlError) return false;
      throw error;
    }
  }

  /** Every provider with the URL of its own listener. */
  async providers(): Promise<readonly ProviderEndpoint[]> {
    const body = await this.request<{ providers: ProviderEndpoint[] }>('GET', '/_control');
    return body.providers;
  }

  /** Current faults, counters and provider state. */
  state(provider: SandboxProviderName): Promise<ProviderControlState> {
    return this.request('GET', `/_control/${provider}`);
  }

  /**
   * Changes faults (and provider settings such as the payment's `respondDelayMs`); fields left out
   * keep their value. Resolves once `down`/`up` took effect.
   * @throws SandboxControlError with `field` and `reason` when the sandbox rejects the update (400)
   */
  setFaults(provider: SandboxProviderName, update: ControlUpdate): Promise<ProviderControlState> {
    return this.request('PUT', `/_control/${provider}`, update);
  }

  /** Clears faults, counters and provider state, and brings the provider up. */
  reset(provider: SandboxProviderName): Promise<ProviderControlState> {
    return this.request('POST', `/_control/${provider}/reset`);
  }

  /** {@link reset} for every provider. */
  async resetAll(): Promise<void> {
    await this.request('POST', '/_control/reset');
  }

  /** Charges the payment provider made since start or the last reset, oldest first. */
  async charges(): Promise<readonly PaymentCharge[]> {
    const body = await this.request<PaymentChargesView>('GET', '/_control/payment/charges');
    return body.charges;
  }

  /** Requests that reached the payment provider per Idempotency-Key, faulted ones included. */
  async calls(): Promise<Readonly<Record<string, number>>> {
    const body = await this.request<PaymentCallsView>('GET', '/_control/payment/calls');
    return body.calls;
  }

  /** Messages the SMTP sink accepted since start or the last reset, oldest first. */
  async messages(): Promise<readonly SmtpMessage[]> {
    const body = await this.request<SmtpMessagesView>('GET', '/_control/smtp/messages');
    return body.messages;
  }

  private async request<T>(method: string, path: string, body?: unknown): Promise<T> {
    let response: Response;
    try {
      response = await fetch(new URL(path, this.baseUrl), {
        method,
        headers: body === undefined ? {} : { 'content-type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(this.timeoutMs),
      });
    } catch (error: unknown) {
      throw new SandboxControlError(`${method} ${path}: sandbox unreachable`, { cause: error });
    }
    const payload: unknown = await response.json().catch(() => undefined);
    if (!response.ok) {
      const detail = isControlErrorBody(payload) ? payload : undefined;
      throw new SandboxControlError(
        `${method} ${path}: ${response.status} ${detail?.message ?? response.statusText}`,
        { status: response.status, field: detail?.field, reason: detail?.reason },
      );
    }
    return payload as T;
  }
}
