// Placing orders through the gateway's POST /api/orders as a client would: one idempotency key per order,
// repeated with the same key after a 5xx or no answer (bounded), closed-loop or at a steady rate.
import { randomUUID } from 'node:crypto';
import type { PlacedOrder } from './payments-tally';

export interface OrderTarget {
  /** Gateway base URL (loopback). */
  readonly gatewayUrl: string;
  /** Products ordered, round-robin. */
  readonly productIds: readonly string[];
  /** Per-POST timeout in ms. */
  readonly timeoutMs: number;
  /** POSTs per order at most (the first plus repeats). */
  readonly maxTries: number;
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

let sequence = 0;

/** Places one order; never throws. Answers other than 200/202 and 5xx (a 4xx) are not repeated. */
export async function placeOrder(target: OrderTarget, label: string): Promise<PlacedOrder> {
  if (!target.gatewayUrl.startsWith('http://127.0.0.1:')) {
    throw new Error(`loopback only: ${target.gatewayUrl}`);
  }
  sequence += 1;
  const key = `bench-${label}-${randomUUID()}`;
  const productId = target.productIds[sequence % target.productIds.length];
  const body = JSON.stringify({
    customerId: `bench-${label}`,
    customerEmail: `bench-${sequence}@example.com`,
    paymentMethod: 'tok_visa',
    idempotencyKey: key,
    items: [{ productId, quantity: 1 }],
  });
  const placedAt = Date.now();
  let httpStatus = 0;
  let tries = 0;
  while (tries < target.maxTries) {
    tries += 1;
    try {
      const response = await fetch(`${target.gatewayUrl}/api/orders`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body,
        signal: AbortSignal.timeout(target.timeoutMs),
      });
      httpStatus = response.status;
      const text = await response.text();
      // 202 placed; 200 = the idempotency key replayed an order placed by an earlier try.
      if (httpStatus === 202 || httpStatus === 200) {
        const answer = JSON.parse(text) as {
          invoice?: { id?: string };
          payment?: { id?: string; status?: string };
        };
        return {
          key,
          invoiceId: answer.invoice?.id,
          paymentId: answer.payment?.id,
          answeredStatus: answer.payment?.status,
          httpStatus,
          tries,
          placedAt,
          ms: Date.now() - placedAt,
        };
      }
      if (httpStatus < 500) break;
    } catch {
      httpStatus = 0;
    }
    await sleep(250 * 2 ** (tries - 1));
  }
  return { key, httpStatus, tries, placedAt, ms: Date.now() - placedAt };
}

/** `count` orders by `concurrency` workers, each placing its next order once the last was answered. */
export async function closedLoop(
  target: OrderTarget,
  label: string,
  count: number,
  concurrency: number,
  deadline: number,
): Promise<PlacedOrder[]> {
  const orders: PlacedOrder[] = [];
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < count && Date.now() < deadline) {
      next += 1;
      orders.push(await placeOrder(target, label));
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, concurrency) }, worker));
  return orders;
}

/** Orders started at a steady rate until stopped; orders are not awaited one by one (open loop). */
export class SteadyLoad {
  private readonly inFlight = new Set<Promise<void>>();
  private readonly placed: PlacedOrder[] = [];
  private timer: NodeJS.Timeout | undefined;
  private started = 0;
  /** Start times (epoch ms) of every order started. */
  readonly startTimes: number[] = [];
  /** Ticks skipped because `maxInFlight` orders were still unanswered. */
  skipped = 0;

  constructor(
    private readonly target: OrderTarget,
    private readonly label: string,
    private readonly ratePerSecond: number,
    private readonly maxInFlight: number,
  ) {}

  start(): void {
    const t0 = Date.now();
    const tick = (): void => {
      // Catch up on the schedule (timers drift under load), one order per due slot.
      const due = Math.floor(((Date.now() - t0) * this.ratePerSecond) / 1000) + 1;
      while (this.started < due) {
        this.started += 1;
        if (this.inFlight.size >= this.maxInFlight) {
          this.skipped += 1;
          continue;
        }
        this.startTimes.push(Date.now());
        const p = placeOrder(this.target, this.label).then((o) => {
          this.placed.push(o);
          this.inFlight.delete(p);
        });
        this.inFlight.add(p);
      }
      this.timer = setTimeout(tick, Math.max(5, 1000 / this.ratePerSecond / 2));
    };
    tick();
  }

  /** Orders started in [from, to) (epoch ms). */
  startedBetween(from: number, to: number): number {
    return this.startTimes.filter((t) => t >= from && t < to).length;
  }

  /** Stops starting orders and waits (bounded by `timeoutMs`) for those in flight. */
  async stop(timeoutMs: number): Promise<PlacedOrder[]> {
    clearTimeout(this.timer);
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([
      Promise.all([...this.inFlight]),
      new Promise((r) => (timer = setTimeout(r, timeoutMs))),
    ]);
    clearTimeout(timer);
    return [...this.placed];
  }

  get inFlightCount(): number {
    return this.inFlight.size;
  }
}

/**
 * Replays every dead letter of `queue` not replayed yet back to its first tier through the gateway's admin route
 * (`POST /admin/dead-letters/:queue/replay` `{ all: true }`, `Authorization: Bearer <token>`); the entries replayed.
 * @throws when the gateway does not answer 200 within `timeoutMs`
 */
export async function replayDeadLetters(
  gatewayUrl: string,
  queue: string,
  adminToken: string,
  timeoutMs: number,
): Promise<number> {
  if (!gatewayUrl.startsWith('http://127.0.0.1:')) throw new Error(`loopback only: ${gatewayUrl}`);
  const response = await fetch(
    `${gatewayUrl}/admin/dead-letters/${encodeURIComponent(queue)}/replay`,
    {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${adminToken}` },
      body: JSON.stringify({ all: true }),
      signal: AbortSignal.timeout(timeoutMs),
    },
  );
  const text = await response.text();
  if (response.status !== 200) {
    throw new Error(
      `replay of the ${queue} dead letters: HTTP ${response.status} ${text.slice(0, 200)}`,
    );
  }
  const replayed = (JSON.parse(text) as { replayed?: unknown }).replayed;
  if (typeof replayed !== 'number')
    throw new Error(`replay answer without a count: ${text.slice(0, 200)}`);
  return replayed;
}
