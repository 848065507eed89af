// The chaos run's clients: orders at a steady rate, repeated with the same idempotency key after a 5xx or no
// answer (as the API promises is safe), and reads of the routes that must degrade instead of failing.
import { randomUUID } from 'node:crypto';
import type { PlacedOrder } from '@gaara/bench';

/** One HTTP answer (or the lack of one) a client saw. */
export interface Answer {
  /** Epoch ms the request was sent. */
  readonly at: number;
  readonly route: 'order' | 'dashboard' | 'health' | 'product';
  /** HTTP status; 0 = no answer within the client timeout (a hang), -1 = connection refused or reset. */
  readonly status: number;
  readonly ms: number;
  /** For /health: the body was a health document (503 with one is the designed "degraded" answer). */
  readonly healthBody?: boolean;
  /** For a 5xx: the start of its body, to tell in the report what failed. */
  readonly detail?: string;
}

export interface TrafficOptions {
  readonly gatewayUrl: string;
  readonly productIds: readonly string[];
  /** Orders started per second; defaults to 20. */
  readonly ordersPerSecond?: number;
  /** Reads of the degradable routes per second; defaults to 10. */
  readonly readsPerSecond?: number;
  /** Client timeout of each request, in milliseconds; defaults to 5000 (longer counts as a hang). */
  readonly timeoutMs?: number;
  /** Bound on one order's repeats, in milliseconds; defaults to 60 000. */
  readonly orderBoundMs?: number;
  /** Orders unanswered at once at most (the rest of a tick is skipped); defaults to 400. */
  readonly maxInFlight?: number;
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** Sends one request; never throws. */
async function send(
  url: string,
  init: RequestInit,
  timeoutMs: number,
): Promise<{ status: number; text: string; ms: number }> {
  const started = Date.now();
  try {
    const response = await fetch(url, { ...init, signal: AbortSignal.timeout(timeoutMs) });
    const text = await response.text();
    return { status: response.status, text, ms: Date.now() - started };
  } catch (error: unknown) {
    const timedOut = error instanceof Error && error.name === 'TimeoutError';
    return { status: timedOut ? 0 : -1, text: '', ms: Date.now() - started };
  }
}

/** How late one of the client's own 100 ms ticks ran: its event loop's lag, which every answer time includes. */
export interface LagSample {
  /** Epoch ms of the tick. */
  readonly at: number;
  /** Milliseconds past the tick's due time. */
  readonly ms: number;
}

/** Orders and reads running until {@link stop}; every answer is logged with its time. */
export class ChaosTraffic {
  readonly answers: Answer[] = [];
  readonly orders: PlacedOrder[] = [];
  /** The client's own event-loop lag, every 100 ms: a late answer time may be the client's, not the store's. */
  readonly lags: LagSample[] = [];
  /** The last /health body, for the log when the store does not recover. */
  lastHealth = '';
  /** Ticks skipped because too many orders were unanswered. */
  skipped = 0;
  /** Orders still being repeated (no final answer yet): epoch ms each was first sent, by idempotency key. */
  readonly repeating = new Map<string, number>();
  private readonly inFlight = new Set<Promise<void>>();
  private stopped = false;
  private sequence = 0;
  private readonly timers: NodeJS.Timeout[] = [];

  constructor(private readonly options: TrafficOptions) {
    if (!options.gatewayUrl.startsWith('http://127.0.0.1:')) {
      throw new Error(`loopback only: ${options.gatewayUrl}`);
    }
  }

  start(): void {
    const orderRate = this.options.ordersPerSecond ?? 20;
    const readRate = this.options.readsPerSecond ?? 10;
    this.every(1000 / orderRate, () => {
      if (this.inFlight.size >= (this.options.maxInFlight ?? 400)) {
        this.skipped += 1;
        return;
      }
      const p = this.placeOrder().then((order) => {
        this.orders.push(order);
        this.inFlight.delete(p);
      });
      this.inFlight.add(p);
    });
    let read = 0;
    this.every(1000 / readRate, () => {
      read += 1;
      void this.readOnce(read);
    });
    let due = Date.now() + 100;
    this.every(100, () => {
      const at = Date.now();
      this.lags.push({ at, ms: Math.max(0, at - due) });
      due = at + 100;
    });
  }

  /**
   * True once the last `count` orders sent at or after `since` (epoch ms) were all accepted within `withinMs`
   * (milliseconds), and no order first sent before `since` is still being repeated: the steady state a fault is
   * measured from. A just-started store is still warming (JIT, consumer groups joining, the run's topics being
   * created), the previous fault's backlog may still drain, and its orders must not run into the next fault.
   */
  isSteady(since: number, count = 40, withinMs = 500): boolean {
    const recent = this.answers.filter((a) => a.route === 'order' && a.at >= since).slice(-count);
    return (
      recent.length === count &&
      recent.every((a) => (a.status === 202 || a.status === 200) && a.ms <= withinMs) &&
      [...this.repeating.values()].every((firstSentAt) => firstSentAt >= since)
    );
  }

  /** Stops starting requests and waits (at most `timeoutMs`) for the orders in flight. */
  async stop(timeoutMs: number): Promise<void> {
    this.stopped = true;
    for (const timer of this.timers) clearInterval(timer);
    await Promise.race([Promise.all([...this.inFlight]), sleep(timeoutMs)]);
  }

  private every(intervalMs: number, tick: () => void): void {
    this.timers.push(setInterval(tick, Math.max(1, intervalMs)));
  }

  private get timeoutMs(): number {
    return this.options.timeoutMs ?? 5000;
  }

  /**
   * Looks every product up once, so each product route is a cached one before the first fault: the targets judge
   * "cached product routes", and a product the gateway never answered has no copy to fall back on.
   */
  async lookUpEveryProduct(): Promise<void> {
    for (const id of this.options.productIds) {
      const at = Date.now();
      const answer = await send(
        `${this.options.gatewayUrl}/api/products/${id}`,
        {},
        this.timeoutMs,
      );
      this.answers.push({ at, route: 'product', status: answer.status, ms: answer.ms });
    }
  }

  private async readOnce(n: number): Promise<void> {
    const ids = this.options.productIds;
    const which = (['dashboard', 'health', 'product'] as const)[n % 3];
    const path =
      which === 'dashboard'
        ? '/api/dashboard'
        : which === 'health'
          ? '/health'
          : `/api/products/${ids[n % ids.length]}`;
    const at = Date.now();
    const answer = await send(`${this.options.gatewayUrl}${path}`, {}, this.timeoutMs);
    const healthBody = which === 'health' ? isHealthDocument(answer.text) : undefined;
    if (which === 'health') this.lastHealth = unhealthyParts(answer);
    const detail = answer.status >= 500 ? answer.text.slice(0, 200) : undefined;
    this.answers.push({
      at,
      route: which,
      status: answer.status,
      ms: answer.ms,
      healthBody,
      detail,
    });
  }

  private async placeOrder(): Promise<PlacedOrder> {
    this.sequence += 1;
    const n = this.sequence;
    const key = `chaos-${randomUUID()}`;
    const body = JSON.stringify({
      customerId: `chaos-${n % 50}`,
      customerEmail: `chaos-${n}@example.com`,
      paymentMethod: 'tok_visa',
      idempotencyKey: key,
      items: [
        { productId: this.options.productIds[n % this.options.productIds.length], quantity: 1 },
      ],
    });
    const placedAt = Date.now();
    this.repeating.set(key, placedAt);
    try {
      return await this.repeatUntilAnswered(key, body, placedAt);
    } finally {
      this.repeating.delete(key);
    }
  }

  /** POSTs the order until a 2xx or 4xx, repeating a 5xx, a hang or a refused connection within the bound. */
  private async repeatUntilAnswered(
    key: string,
    body: string,
    placedAt: number,
  ): Promise<PlacedOrder> {
    const bound = placedAt + (this.options.orderBoundMs ?? 60_000);
    let status = 0;
    let lastDetail: string | undefined;
    let tries = 0;
    while (Date.now() < bound) {
      tries += 1;
      const at = Date.now();
      const answer = await send(
        `${this.options.gatewayUrl}/api/orders`,
        { method: 'POST', headers: { 'content-type': 'application/json' }, body },
        this.timeoutMs,
      );
      status = answer.status;
      const detail = status >= 500 ? answer.text.slice(0, 200) : undefined;
      lastDetail = detail;
      this.answers.push({ at, route: 'order', status, ms: answer.ms, detail });
      if (status === 202 || status === 200) {
        const placed = JSON.parse(answer.text) as {
          invoice?: { id?: string };
          payment?: { id?: string; status?: string };
        };
        return {
          key,
          invoiceId: placed.invoice?.id,
          paymentId: placed.payment?.id,
          answeredStatus: placed.payment?.status,
          httpStatus: status,
          tries,
          placedAt,
          ms: Date.now() - placedAt,
        };
      }
      // A 4xx is final; a 5xx, a hang or a refused connection (gateway restarting) is repeated.
      if (status >= 400 && status < 500) break;
      if (this.stopped && Date.now() > bound - 30_000) break;
      await sleep(Math.min(2000, 200 * 2 ** Math.min(tries - 1, 4)));
    }
    return { key, httpStatus: status, lastDetail, tries, placedAt, ms: Date.now() - placedAt };
  }
}

/** What /health said was not healthy (with its details), or its status and text when it was no health document. */
function unhealthyParts(answer: { status: number; text: string }): string {
  try {
    const body = JSON.parse(answer.text) as {
      services?: Record<string, string>;
      details?: Record<string, string>;
    };
    const parts = Object.entries(body.services ?? {}).filter(([, state]) => state !== 'healthy');
    return JSON.stringify({
      status: answer.status,
      unhealthy: Object.fromEntries(parts),
      details: body.details,
    });
  } catch {
    return `${answer.status} ${answer.text.slice(0, 300)}`;
  }
}

function isHealthDocument(text: string): boolean {
  try {
    const body = JSON.parse(text) as { status?: unknown };
    return typeof body.status === 'string';
  } catch {
    return false;
  }
}
