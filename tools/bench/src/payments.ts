// npm run bench:payments: the real store (every process started by @gaara/launcher on ephemeral loopback ports,
// its own PostgreSQL schemas, dropped at the end, and its own Kafka topic prefix) with the sandbox payment
// provider misbehaving on command. Phase 0: healthy provider (baseline). Phase 1: 1,000 orders with 50 % of
// provider calls failing at random, short retry tiers. Phase 2: a full provider outage at a steady order rate.
// Phase 3 (replay): the provider healthy again, every dead letter is replayed to the first tier through the
// gateway's admin route, as an operator would, until none is left; then every accepted order must be paid.
// Bounded (BENCH_BOUND_SECONDS); the last line is one JSON object for CI and the issue; exit code 1 when an
// order was lost (not succeeded and paid after the replay) or charged twice, or a retry was processed early.
// Tunables: BENCH_* below.
import { randomBytes } from 'node:crypto';
import { cpus, loadavg } from 'node:os';
import knex, { type Knex } from 'knex';
import { delay, launchStore, type RunningStore } from '@gaara/launcher';
import { SandboxControlClient } from '@gaara/sandbox';
import { closedLoop, type OrderTarget, replayDeadLetters, SteadyLoad } from './payments-load';
import { ProviderLedger, readInvoices, readPayments, scrape } from './payments-ledger';
import type { PaymentRecord, PlacedOrder } from './payment-records';
import { deadLetteredCount, receiptGaps, tally, unsettledCount } from './payments-tally';
import {
  bucketDelta,
  histogramBuckets,
  histogramCount,
  histogramNames,
  histogramQuantile,
  type PromSample,
  quantileOverflows,
  sumOf,
  valuesOf,
} from './prometheus';
import { quantile, round } from './stats';

const env = (name: string, fallback: string): string => process.env[name] ?? fallback;
const num = (name: string, fallback: number): number => {
  const value = Number(env(name, String(fallback)));
  if (!Number.isFinite(value) || value < 0) throw new Error(`${name} must be a number ≥ 0`);
  return value;
};

const orderCount = num('BENCH_ORDERS', 1000);
const baselineCount = num('BENCH_BASELINE_ORDERS', 200);
const concurrency = num('BENCH_CONCURRENCY', 8);
const errorRate = num('BENCH_ERROR_RATE', 0.5);
const seed = num('BENCH_SEED', 42);
const outageRate = num('BENCH_OUTAGE_RATE', 20);
const outageSeconds = num('BENCH_OUTAGE_SECONDS', 10);
const settleSeconds = num('BENCH_SETTLE_SECONDS', 120);
const boundSeconds = num('BENCH_BOUND_SECONDS', 480);
const paymentDelays = env('BENCH_PAYMENT_DELAYS', '1s,2s,4s,8s');
const notificationDelays = env('BENCH_NOTIFICATION_DELAYS', '1s,2s,4s,8s');
const breakerOpenMs = num('BENCH_BREAKER_OPEN_MS', 1500);
const leaseMs = num('BENCH_LEASE_MS', 5000);
/** "Replay all" calls at most, and seconds at most for the replay and the settlement after it. */
const replayRounds = num('BENCH_REPLAY_ROUNDS', 8);
const replaySeconds = num('BENCH_REPLAY_SECONDS', 150);
const telemetry = env('BENCH_TELEMETRY', 'false') === 'true';
const pgUrl = env('GAARA_PG_URL', 'postgres://gaara:gaara@127.0.0.1:5432/gaara');

/** The admin routes' bearer token, fresh per run (GAARA_ADMIN_TOKEN of the gateway). */
const adminToken = randomBytes(24).toString('hex');

/** The payment breaker's name: `circuit_breaker_state{service="payment"}` (0 closed, 1 open, 2 half-open). */
const paymentBreaker = { service: 'payment' };

const runStarted = Date.now();
const deadline = runStarted + boundSeconds * 1000;
/** Milliseconds left before the global bound, keeping `reserveMs` for the tally and clean-up. */
const remaining = (reserveMs = 30_000): number => Math.max(0, deadline - reserveMs - Date.now());
const elapsed = (): string => `${round((Date.now() - runStarted) / 1000, 1)} s`;
const log = (line: string): void => console.log(`[${elapsed().padStart(7)}] ${line}`);

let store: RunningStore | undefined;
let db: Knex | undefined;
let schemas: Record<'catalog' | 'invoice' | 'payment' | 'notification', string> | undefined;

async function dropSchemas(): Promise<void> {
  if (db === undefined || schemas === undefined) return;
  for (const schema of [schemas.notification, schemas.payment, schemas.invoice, schemas.catalog]) {
    await db.raw('drop schema if exists ?? cascade', [schema]);
  }
}

/** Stops the store, drops the run's schemas, closes the pool; idempotent. */
async function cleanUp(): Promise<void> {
  const running = store;
  store = undefined;
  await running?.stopAll().catch((e: unknown) => console.error('stopping the store failed:', e));
  await dropSchemas().catch((e: unknown) => console.error('dropping the schemas failed:', e));
  const pool = db;
  db = undefined;
  await pool?.destroy().catch(() => undefined);
}

/** Rate per second of `settled` payments between the first order and the last settlement. */
function ratePerSecond(settled: number, firstPlacedAt: number, lastSettledAt: number): number {
  const seconds = (lastSettledAt - firstPlacedAt) / 1000;
  return seconds > 0 ? settled / seconds : Number.NaN;
}

/** Polls the payments table until every accepted order's payment is final, or `timeoutMs` passed. */
async function waitSettled(
  orders: readonly PlacedOrder[],
  timeoutMs: number,
  what: string,
): Promise<Map<string, PaymentRecord>> {
  if (db === undefined || schemas === undefined) throw new Error('no database');
  const until = Date.now() + timeoutMs;
  let lastReport = Date.now();
  for (;;) {
    const payments = await readPayments(db, schemas.payment);
    const left = unsettledCount(orders, payments);
    if (left === 0 || Date.now() >= until) {
      log(
        left === 0
          ? `${what}: every accepted payment final`
          : `${what}: ${left} payments still not final after ${round(timeoutMs / 1000)} s (bound)`,
      );
      return payments;
    }
    if (Date.now() - lastReport >= 5000) {
      log(`${what}: ${left} payments not final yet`);
      lastReport = Date.now();
    }
    await delay(250);
  }
}

/**
 * Phase 3's loop: "replay all" through the gateway, then wait until the replayed payments are final; again while
 * payments of `orders` are still dead-lettered (a dead letter published after the last replay, or one that failed
 * again), at most `replayRounds` calls and `timeoutMs`. `depth` = payments still dead-lettered at the end.
 */
async function replayUntilEmpty(
  orders: readonly PlacedOrder[],
  timeoutMs: number,
): Promise<{ replayed: number; rounds: number; depth: number }> {
  if (db === undefined || schemas === undefined || store === undefined) throw new Error('no store');
  const until = Date.now() + timeoutMs;
  let replayed = 0;
  let rounds = 0;
  let depth = deadLetteredCount(orders, await readPayments(db, schemas.payment));
  while (depth > 0 && rounds < replayRounds && Date.now() < until) {
    rounds += 1;
    let count = 0;
    try {
      count = await replayDeadLetters(
        store.gatewayUrl,
        'payments',
        adminToken,
        Math.max(1000, Math.min(30_000, until - Date.now())),
      );
    } catch (error) {
      log(`phase 3: replay round ${rounds} failed: ${String(error).slice(0, 200)}`);
    }
    replayed += count;
    // Wait until no payment is dead-lettered, or the counts stalled for 3 s with every payment final (what is
    // still dead-lettered then was not replayed by this round: replay again).
    let lastReport = Date.now();
    let lastChange = Date.now();
    let seen = '';
    for (;;) {
      const payments = await readPayments(db, schemas.payment);
      depth = deadLetteredCount(orders, payments);
      const left = unsettledCount(orders, payments);
      if (`${depth}/${left}` !== seen) {
        seen = `${depth}/${left}`;
        lastChange = Date.now();
      }
      if ((depth === 0 && left === 0) || Date.now() >= until) break;
      if (left === 0 && Date.now() - lastChange >= 3000) break;
      if (Date.now() - lastReport >= 5000) {
        log(`phase 3: round ${rounds}: ${depth} still dead-lettered, ${left} payments not final`);
        lastReport = Date.now();
      }
      await delay(250);
    }
    log(`phase 3: round ${rounds}: ${count} replayed; ${depth} payments dead-lettered`);
  }
  return { replayed, rounds, depth };
}

function breakerState(samples: readonly PromSample[]): number | undefined {
  const values = valuesOf(samples, 'circuit_breaker_state', paymentBreaker);
  return values.length === 0 ? undefined : Math.max(...values);
}

/** A counter's values per value of `label` (exporters may or may not append another `_total`). */
function countsBy(
  samples: readonly PromSample[],
  name: string,
  label: string,
): Record<string, number> {
  const result: Record<string, number> = {};
  for (const s of samples) {
    if (s.name !== name && s.name !== `${name}_total`) continue;
    const value = s.labels[label] ?? '?';
    result[value] = (result[value] ?? 0) + s.value;
  }
  return result;
}

function diff(later: Record<string, number>, earlier: Record<string, number>): string {
  return (
    Object.keys(later)
      .sort()
      .map((k) => `${k} ${later[k] - (earlier[k] ?? 0)}`)
      .join(', ') || '(metric absent)'
  );
}

/** Lateness histogram of the retry consumers; values in ms whatever unit suffix the exporter gave it. */
function latenessBuckets(
  samples: readonly PromSample[],
  filter: Readonly<Record<string, string>> = {},
): {
  name: string | undefined;
  buckets: { le: number; count: number }[];
} {
  const name = histogramNames(samples, 'messaging_retry_lateness')[0];
  if (name === undefined) return { name, buckets: [] };
  const scale = /(^|_)seconds$/.test(name) ? 1000 : 1;
  return {
    name,
    buckets: histogramBuckets(samples, name, filter).map((b) => ({
      le: b.le * scale,
      count: b.count,
    })),
  };
}

/** p50/p99/count of the lateness histogram per `topic` label. */
function latenessByTopic(samples: readonly PromSample[]): string {
  const { name } = latenessBuckets(samples);
  if (name === undefined) return '(no lateness histogram)';
  const topics = new Set(
    samples.filter((s) => s.name === `${name}_bucket`).map((s) => s.labels['topic'] ?? '?'),
  );
  return [...topics]
    .sort()
    .map((topic) => {
      const b = latenessBuckets(samples, { topic }).buckets;
      return `${topic} n=${histogramCount(b)} p50 ${round(histogramQuantile(b, 0.5))} p99 ${round(histogramQuantile(b, 0.99))} ms`;
    })
    .join('; ');
}

function describeOrders(orders: readonly PlacedOrder[]): string {
  const by = new Map<string, number>();
  let repeated = 0;
  for (const o of orders) {
    const key = o.httpStatus === 202 ? `202 ${o.answeredStatus ?? '?'}` : `http ${o.httpStatus}`;
    by.set(key, (by.get(key) ?? 0) + 1);
    if (o.tries > 1) repeated += 1;
  }
  const ms = Float64Array.from(orders.map((o) => o.ms));
  return (
    `${[...by.entries()].map(([k, n]) => `${n} ${k}`).join(', ')}; ${repeated} needed a repeat; ` +
    `answer p50 ${round(quantile(ms, 0.5))} ms, p99 ${round(quantile(ms, 0.99))} ms`
  );
}

async function main(): Promise<void> {
  // A hard bound on the whole run, whatever hangs: stop the store (bounded), then exit.
  setTimeout(() => {
    console.error(`bench:payments: over its ${boundSeconds} s bound, giving up`);
    const hardStop = setTimeout(() => process.exit(1), 20_000);
    hardStop.unref();
    void cleanUp().finally(() => {
      console.log(JSON.stringify({ bench: 'payments', error: `over the ${boundSeconds} s bound` }));
      process.exit(1);
    });
  }, boundSeconds * 1000).unref();

  console.log(
    `node ${process.version}; ${baselineCount} baseline orders, ${orderCount} orders with ${errorRate * 100} % ` +
      `provider failures (seed ${seed}), concurrency ${concurrency}; outage at ${outageRate}/s for ` +
      `${outageSeconds} s after the breaker opens; tiers ${paymentDelays}, breaker open ${breakerOpenMs} ms, ` +
      `lease ${leaseMs} ms; bound ${boundSeconds} s; ${cpus().length} cpus, load ${loadavg()
        .map((l) => round(l, 1))
        .join(' ')}`,
  );
  const id = randomBytes(4).toString('hex');
  schemas = {
    catalog: `bench_${id}_catalog`,
    invoice: `bench_${id}_invoice`,
    payment: `bench_${id}_payment`,
    notification: `bench_${id}_notification`,
  };
  const pg = knex({ client: 'pg', connection: pgUrl, pool: { min: 0, max: 2 } });
  db = pg;
  const logLevel = env('BENCH_LOG_LEVEL', 'warn');
  // payment exposes the metrics the bench reads (breaker state, retry lateness, early retries), so its
  // telemetry is on; without BENCH_TELEMETRY=true it samples no traces.
  const tracing: Record<string, string> = telemetry
    ? { GAARA_TELEMETRY_ENABLED: 'true' }
    : { GAARA_TELEMETRY_ENABLED: 'false', OTEL_TRACES_SAMPLER: 'always_off' };
  const running = await launchStore({
    ports: 'ephemeral',
    pgUrl,
    schemas,
    topicPrefix: `bench${id}.`,
    commonEnv: { GAARA_LOG_LEVEL: logLevel, GAARA_DEPLOYMENT_ENVIRONMENT: 'bench', ...tracing },
    env: {
      payment: {
        GAARA_TELEMETRY_ENABLED: 'true',
        GAARA_PAYMENT_RETRY_DELAYS: paymentDelays,
        GAARA_PAYMENT_LEASE_MS: String(leaseMs),
        GAARA_BREAKER_OPEN_MS: String(breakerOpenMs),
      },
      notification: {
        GAARA_NOTIFICATION_RETRY_DELAYS: notificationDelays,
        GAARA_NOTIFICATION_LEASE_MS: String(leaseMs),
        GAARA_BREAKER_OPEN_MS: String(breakerOpenMs),
      },
      gateway: {
        GAARA_PAYMENT_RETRY_DELAYS: paymentDelays,
        GAARA_NOTIFICATION_RETRY_DELAYS: notificationDelays,
        // Charge's synchronous attempt is bounded by payment (≤ 5 s); the gateway must wait at least that.
        GAARA_PAYMENT_CALL_TIMEOUT_MS: '8000',
        // A hiccup of a dependency must not refuse orders for the default 60 s.
        GAARA_BREAKER_OPEN_MS: String(breakerOpenMs),
        GAARA_ADMIN_TOKEN: adminToken,
      },
    },
    log: (l) => log(`launcher: ${l}`),
  });
  store = running;
  const { ports } = running;
  log(`store up; logs in ${running.logDir}`);
  const sandbox = new SandboxControlClient(running.sandboxUrl, { timeoutMs: 15_000 });
  const ledger = new ProviderLedger(sandbox);
  const metricsUrl = `http://127.0.0.1:${ports.paymentMetrics}/metrics`;
  const products = (await (
    await fetch(`${running.gatewayUrl}/api/products?pageSize=20`, {
      signal: AbortSignal.timeout(5000),
    })
  ).json()) as { products: { id: string }[] };
  const target: OrderTarget = {
    gatewayUrl: running.gatewayUrl,
    productIds: products.products.map((p) => p.id),
    timeoutMs: 15_000,
    maxTries: 4,
  };
  if (target.productIds.length === 0) throw new Error('the catalog has no products');
  // Orders reserve stock: enough units that this run measures payments, never a sold-out product.
  await pg
    .withSchema(schemas.catalog)
    .table('products')
    .whereIn('id', target.productIds)
    .increment('stock', orderCount + baselineCount);
  if ((await scrape(metricsUrl)).length === 0) {
    log(
      `warning: ${metricsUrl} answers no metrics: early, late_p99_ms and the breaker state are unknown`,
    );
  }
  const all: PlacedOrder[] = [];

  // Warm-up (JIT, pools, consumer groups): not measured, but judged with the rest.
  await sandbox.resetAll();
  all.push(...(await closedLoop(target, 'warmup', 20, concurrency, Date.now() + 30_000)));

  // Phase 0: healthy provider.
  const p0Started = Date.now();
  const baseline = await closedLoop(
    target,
    'healthy',
    baselineCount,
    concurrency,
    Date.now() + 60_000,
  );
  all.push(...baseline);
  log(`phase 0 (healthy): ${baseline.length} orders placed: ${describeOrders(baseline)}`);
  const p0Payments = await waitSettled(baseline, Math.min(30_000, remaining()), 'phase 0');
  const p0 = tally(baseline, p0Payments, await readInvoices(pg, schemas.invoice), new Map());
  const healthyPerS = ratePerSecond(p0.succeeded + p0.deadLettered, p0Started, p0.lastSettledAt);
  log(`phase 0: ${p0.succeeded} succeeded; healthy drain ${round(healthyPerS, 1)} payments/s`);

  // Phase 1: half the provider's calls fail (503) at random, until everything is settled.
  const m1Before = await scrape(metricsUrl);
  await sandbox.setFaults('payment', { errorRate, errorStatus: 503, seed });
  const p1Started = Date.now();
  const phase1 = await closedLoop(
    target,
    'flaky',
    orderCount,
    concurrency,
    Date.now() + Math.min(180_000, remaining(90_000)),
  );
  all.push(...phase1);
  log(
    `phase 1 (${errorRate * 100} % failing): ${phase1.length} orders placed in ${round((Date.now() - p1Started) / 1000, 1)} s: ${describeOrders(phase1)}`,
  );
  const p1Payments = await waitSettled(
    phase1,
    Math.min(settleSeconds * 1000, remaining(60_000)),
    'phase 1',
  );
  const m1After = await scrape(metricsUrl);
  const p1 = tally(phase1, p1Payments, await readInvoices(pg, schemas.invoice), new Map());
  const drainPerS = ratePerSecond(p1.succeeded + p1.deadLettered, p1Started, p1.lastSettledAt);
  const succeededPerS = ratePerSecond(p1.succeeded, p1Started, p1.lastSettledAt);
  const attempts = phase1.map((o) => p1Payments.get(o.paymentId ?? '')?.attempts ?? 0);
  log(
    `phase 1: ${p1.succeeded} succeeded, ${p1.deadLettered} dead-lettered, ${p1.failed} failed, ` +
      `${p1.unsettled} not final, ${p1.missing} missing; drain ${round(drainPerS, 1)} payments/s ` +
      `(${round(succeededPerS, 1)}/s succeeded) ` +
      `(${round((p1.lastSettledAt - p1Started) / 1000, 1)} s to the last settlement)`,
  );
  log(
    `phase 1: provider calls by result (payment metrics): ${diff(countsBy(m1After, 'payment_provider_calls_total', 'result'), countsBy(m1Before, 'payment_provider_calls_total', 'result'))}; ` +
      `charges/tasks by outcome: ${diff(countsBy(m1After, 'payments_total', 'outcome'), countsBy(m1Before, 'payments_total', 'outcome'))}; ` +
      `max attempts of a payment ${attempts.length === 0 ? 0 : Math.max(...attempts)}`,
  );
  const l1 = latenessBuckets(m1After);
  const l1Delta = bucketDelta(l1.buckets, latenessBuckets(m1Before).buckets);
  log(
    `phase 1: ${histogramCount(l1Delta)} retries processed; lateness p50 ${round(histogramQuantile(l1Delta, 0.5))} ms, ` +
      `p99 ${round(histogramQuantile(l1Delta, 0.99))} ms (${l1.name ?? 'no lateness histogram'})`,
  );

  // Phase 2: full outage at a steady order rate; amplification once the payment breaker is open.
  await sandbox.setFaults('payment', { errorRate: 1, errorStatus: 503 });
  const m2Before = await scrape(metricsUrl);
  const steady = new SteadyLoad(target, 'outage', outageRate, Math.max(50, outageRate * 10));
  const p2Started = Date.now();
  steady.start();
  let openedAt: number | undefined;
  const openBound = Date.now() + Math.min(20_000, remaining(60_000));
  while (Date.now() < openBound) {
    if (breakerState(await scrape(metricsUrl)) === 1) {
      openedAt = Date.now();
      break;
    }
    await delay(100);
  }
  const windowStart = openedAt ?? Date.now();
  log(
    openedAt === undefined
      ? `phase 2 (outage): the payment breaker did not report open within 20 s; amplification measured from now`
      : `phase 2 (outage): payment breaker open ${round((openedAt - p2Started) / 1000, 1)} s after the outage began`,
  );
  const callsAtOpen = await ledger.totalCalls();
  const states: number[] = [];
  const windowEnd = windowStart + Math.min(outageSeconds * 1000, remaining(60_000));
  while (Date.now() < windowEnd) {
    const state = breakerState(await scrape(metricsUrl));
    if (state !== undefined) states.push(state);
    await delay(200);
  }
  const callsAtEnd = await ledger.totalCalls();
  const windowEndActual = Date.now();
  const windowOrders = steady.startedBetween(windowStart, windowEndActual);
  const phase2 = await steady.stop(20_000);
  all.push(...phase2);
  const windowCalls = callsAtEnd - callsAtOpen;
  const amplification = windowOrders > 0 ? windowCalls / windowOrders : Number.NaN;
  const m2After = await scrape(metricsUrl);
  log(
    `phase 2: ${phase2.length} orders (${steady.skipped} ticks skipped, ${steady.inFlightCount} unanswered): ${describeOrders(phase2)}`,
  );
  log(
    `phase 2: ${windowCalls} provider calls for ${windowOrders} orders in the ${round((windowEndActual - windowStart) / 1000, 1)} s ` +
      `window → amplification ${round(amplification, 3)}; breaker samples open ${states.filter((s) => s === 1).length}, ` +
      `half-open ${states.filter((s) => s === 2).length}, closed ${states.filter((s) => s === 0).length}`,
  );
  log(
    `phase 2: provider calls by result (payment metrics): ${diff(countsBy(m2After, 'payment_provider_calls_total', 'result'), countsBy(m2Before, 'payment_provider_calls_total', 'result'))}`,
  );
  await sandbox.setFaults('payment', { errorRate: 0 });
  log('phase 2: provider back; draining');
  const p2Payments = await waitSettled(phase2, Math.min(60_000, remaining(20_000)), 'phase 2');
  // Dead-lettered in the outage, before the replay below brings them back.
  const p2DeadLettered = deadLetteredCount(phase2, p2Payments);
  log(`phase 2: ${p2DeadLettered} payments dead-lettered`);

  // Phase 3: the provider is healthy (faults cleared above); replay every payment dead letter to the first
  // tier, as an operator would, until none is left, then wait until every accepted order is paid.
  await sandbox.setFaults('payment', { errorRate: 0 });
  const beforeReplay = await readPayments(pg, schemas.payment);
  log(
    `phase 3 (replay): ${deadLetteredCount(all, beforeReplay)} payments dead-lettered, ` +
      `${unsettledCount(all, beforeReplay)} not final; replaying every dead letter to the first tier`,
  );
  const replay = await replayUntilEmpty(all, Math.min(replaySeconds * 1000, remaining(25_000)));
  log(
    `phase 3: ${replay.replayed} dead letters replayed in ${replay.rounds} rounds; ${replay.depth} payments still dead-lettered` +
      (replay.depth > 0 ? ' (bound reached)' : ''),
  );

  // Downstream of payments.events: every accepted order succeeded, invoices marked paid, receipts sent (bounded).
  const downstreamBound = Date.now() + Math.min(60_000, remaining(15_000));
  let downstreamReport = Date.now();
  for (;;) {
    const rows = await readPayments(pg, schemas.payment);
    const t = tally(all, rows, await readInvoices(pg, schemas.invoice), new Map());
    const notPaid = t.accepted - t.paid;
    const gaps = receiptGaps(all, rows, await ledger.mailsByKey());
    if ((notPaid === 0 && gaps.missing === 0) || Date.now() >= downstreamBound) {
      log(
        `downstream: ${notPaid} accepted orders not succeeded and paid (${t.invoicesNotPaid} succeeded whose invoice ` +
          `is not paid), ${gaps.missing} without a receipt` +
          (notPaid + gaps.missing > 0 ? ' (bound reached)' : ''),
      );
      break;
    }
    if (Date.now() - downstreamReport >= 5000) {
      log(
        `downstream: ${notPaid} orders not succeeded and paid yet (${t.deadLettered} dead-lettered, ${t.unsettled} ` +
          `not final), ${gaps.missing} receipts missing`,
      );
      downstreamReport = Date.now();
    }
    await delay(500);
  }

  // Verdict over every order: hold a little so late duplicates would show, then read the sources of truth.
  await delay(Math.min(2000, remaining(15_000)));
  const payments = await readPayments(pg, schemas.payment);
  const invoices = await readInvoices(pg, schemas.invoice);
  const charges = await ledger.chargesByKey();
  const total = tally(all, payments, invoices, charges);
  const receipts = receiptGaps(all, payments, await ledger.mailsByKey());
  const orphanCharges = [...charges.keys()].filter((k) => !payments.has(k)).length;
  const final = await scrape(metricsUrl);
  const early = sumOf(final, 'messaging_retry_early_total');
  const late = latenessBuckets(final);
  const lateP99 = histogramQuantile(late.buckets, 0.99);
  const lateCapped = quantileOverflows(late.buckets, 0.99);
  // Lost: any accepted order not succeeded with its invoice paid once the dead letters were replayed.
  const lost = total.accepted - total.paid;
  const settledAfterReplay = total.accepted > 0 ? total.succeeded / total.accepted : Number.NaN;
  log(
    `all ${all.length} orders after the replay: ${total.accepted} accepted (${total.unaccepted} never accepted), ` +
      `${total.succeeded} succeeded (${total.paid} with the invoice paid), ${total.deadLettered} dead-lettered, ` +
      `${total.failed} failed, ${total.unsettled} not final, ${total.missing} without payment or invoice → ${lost} lost; ` +
      `before the replay ${p1.deadLettered} dead-lettered in phase 1, ${p2DeadLettered} in the outage`,
  );
  log(
    `charges: ${charges.size} keys charged; ${total.multiCharged} charged more than once, ` +
      `${total.succeededUncharged} succeeded without a charge, ${total.finalUnpaidButCharged} dead-lettered/failed yet charged, ` +
      `${orphanCharges} charges for unknown payments; ${total.invoicesNotPaid} succeeded payments whose invoice is not paid; ` +
      `receipts: ${receipts.missing} missing, ${receipts.duplicated} sent more than once`,
  );
  log(`retry lateness by topic: ${latenessByTopic(final)}`);
  log(
    `retries: ${histogramCount(late.buckets)} processed, ${early} early, lateness p99 ${lateCapped ? '≥ ' : ''}${round(lateP99)} ms; ` +
      `unexpected exits: ${
        running
          .states()
          .filter((s) => s.unexpectedExits.length > 0)
          .map((s) => `${s.name} ${s.unexpectedExits.join(',')}`)
          .join('; ') || 'none'
      }`,
  );
  log(
    `took ${elapsed()}; load ${loadavg()
      .map((l) => round(l, 1))
      .join(' ')}`,
  );

  const doubleCharged = total.multiCharged + total.succeededUncharged;
  const result = {
    bench: 'payments',
    orders: phase1.length,
    lost,
    double_charged: doubleCharged,
    dlt: p1.deadLettered,
    dlt_outage: p2DeadLettered,
    replayed: replay.replayed,
    replay_rounds: replay.rounds,
    dlt_after_replay: total.deadLettered,
    settled_after_replay: Number.isNaN(settledAfterReplay) ? null : round(settledAfterReplay, 4),
    amplification: Number.isNaN(amplification) ? null : round(amplification, 3),
    breaker_opened: openedAt !== undefined,
    early,
    late_p99_ms: Number.isNaN(lateP99) ? null : round(lateP99),
    // The p99 lies past the histogram's highest finite bucket: late_p99_ms is then only a lower bound.
    late_p99_capped: lateCapped,
    drain_per_s: Number.isNaN(drainPerS) ? null : round(drainPerS, 1),
    healthy_per_s: Number.isNaN(healthyPerS) ? null : round(healthyPerS, 1),
    drain_vs_healthy: Number.isNaN(drainPerS / healthyPerS)
      ? null
      : round(drainPerS / healthyPerS, 3),
    unaccepted: total.unaccepted,
    invoices_unpaid: total.invoicesNotPaid,
    receipts_missing: receipts.missing,
    receipts_duplicated: receipts.duplicated,
    outage_orders: phase2.length,
  };
  await cleanUp();
  console.log(JSON.stringify(result));
  if (lost > 0 || doubleCharged > 0 || early > 0) process.exitCode = 1;
}

main()
  .catch(async (error: unknown) => {
    console.error(error);
    await cleanUp();
    console.log(JSON.stringify({ bench: 'payments', error: String(error).slice(0, 300) }));
    process.exitCode = 1;
  })
  .finally(() => {
    // Nothing of ours should keep the process alive past the verdict (kafka-free; knex destroyed).
    setTimeout(() => process.exit(), 1000).unref();
  });
