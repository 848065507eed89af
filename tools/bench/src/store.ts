// npm run bench:store (issue #10): the whole store, started by @gaara/launcher on ephemeral loopback ports with
// its own PostgreSQL schemas and Kafka topic prefix and its shipped telemetry (on, as `npm start`), beside a peer
// baseline — one Fastify + pg process on the same PostgreSQL and the same products (tools/bench/src/peer). Both
// answer GET /api/products/:id and POST /api/orders under the same closed-loop load (autocannon, 16
// connections), round by round, alternated. A second pass restarts the store with telemetry off for the
// overhead. Idle and peak RSS and idle CPU come from /proc (store processes, peer, Kafka broker). At the end every
// accepted store order must be paid, charged once and have one receipt (`settled`).
//
// Progress goes to stderr; the last stdout line is one JSON object (store-result.ts). Targets are printed with
// met / not met; missing a target does not fail the run, a crash or an unsettled order does (exit code 1).
//
// Knobs (environment, defaults in brackets; read by store-knobs.ts):
//   BENCH_ROUNDS [3]               measured rounds per contender, route and pass
//   BENCH_ROUND_SECONDS [6]        seconds per round
//   BENCH_CONNECTIONS [16]         closed-loop connections
//   BENCH_SKIP_TELEMETRY_OFF [false]  skip the telemetry-off pass (telemetry_overhead is then null)
//   BENCH_WARMUP_SECONDS [2]       unmeasured seconds per contender and route before the rounds
//   BENCH_IDLE_SECONDS [15]        each quiet window (after start; after the load) for idle CPU and RSS
//   BENCH_PRODUCTS [20]            products looked up and ordered
//   BENCH_MAX_REQUESTS [500000]    requests per round at most
//   BENCH_SETTLE_SECONDS [60]      wait at most this for every order to be paid with its receipt
//   BENCH_LOG_LEVEL [unset]        GAARA_LOG_LEVEL of every service (unset: the shipped level)
//   BENCH_BOUND_SECONDS [900]      bound on the whole run
//   GAARA_PG_URL                   PostgreSQL (default the local stack's)
import { randomBytes } from 'node:crypto';
import { cpus, loadavg } from 'node:os';
import { resolve } from 'node:path';
import knex, { type Knex } from 'knex';
import { delay, type RunningStore, serviceNames } from '@gaara/launcher';
import { SandboxControlClient } from '@gaara/sandbox';
import { stackEndpoints } from '@gaara/stack';
import { deleteTopicsWithPrefixes } from './kafka-topics';
import { createPeerSchema } from './peer/peer-schema';
import { type RunningPeer, startPeer } from './peer/start-peer';
import { clockTicksPerSecond } from './proc-stats';
import {
  cpuPercent,
  cpuSnapshot,
  PeakRssSampler,
  type PidGroups,
  rssSnapshot,
  ticksBetween,
} from './process-meter';
import { postgresPids, stackPids } from './stack-pids';
import {
  cpuMsPerRequest,
  medianRatio,
  type SeriesSummary,
  summarise,
  telemetryOverhead,
} from './store-figures';
import { readStoreKnobs } from './store-knobs';
import { launchPass, passSchemas, restockedProducts, type StoreSchemas } from './store-pass';
import { storeResult, type RssFigures, targetFigures } from './store-result';
import {
  type Contender,
  contenders,
  type PassSeries,
  type Route,
  routes,
  runPassRounds,
} from './store-rounds';
import { judgeSettlement, waitPaymentsFinal, type Settlement } from './store-settlement';
import { describeVerdict, evaluateTargets } from './store-targets';
import { OrderLog } from './store-workload';
import { round } from './stats';

const knobs = readStoreKnobs(process.env);
const root = resolve(__dirname, '../../..');
const ticksPerSecond = clockTicksPerSecond();
const runId = randomBytes(4).toString('hex');
/** Units added to each ordered product: far more than any pass can order (orders must never get 409). */
const restockUnits = 1_000_000;
/** Bound on waiting for a store order round's payments before the next round, in ms. */
const roundSettleMs = 15_000;
/** The store's services: the `*_max` figures are over these (the sandbox stands in for third parties). */
const services = serviceNames.filter((n) => n !== 'sandbox');

const runStarted = Date.now();
const log = (line: string): void =>
  console.error(
    `[${round((Date.now() - runStarted) / 1000, 1)
      .toFixed(1)
      .padStart(6)} s] ${line}`,
  );

/** Everything the run made, so clean-up can undo it whatever failed. */
const made = {
  db: undefined as Knex | undefined,
  stores: new Set<RunningStore>(),
  peer: undefined as RunningPeer | undefined,
  schemas: [] as string[],
  topicPrefixes: [] as string[],
};

let cleaning: Promise<void> | undefined;
/** Stops the stores and the peer, drops every schema, deletes the run's topics; idempotent, never throws. */
function cleanUp(): Promise<void> {
  cleaning ??= (async () => {
    await Promise.all(
      [...made.stores].map((s) =>
        s.stopAll().catch((e: unknown) => log(`stopping the store failed: ${String(e)}`)),
      ),
    );
    made.stores.clear();
    await made.peer?.stop().catch((e: unknown) => log(`stopping the peer failed: ${String(e)}`));
    const db = made.db;
    for (const schema of [...made.schemas].reverse()) {
      await db
        ?.raw('drop schema if exists ?? cascade', [schema])
        .catch((e: unknown) => log(`dropping ${schema} failed: ${String(e)}`));
    }
    await db?.destroy().catch(() => undefined);
    await deleteTopicsWithPrefixes(stackEndpoints().kafkaBrokers, made.topicPrefixes)
      .then((n) =>
        log(
          `clean-up: store and peer stopped, ${made.schemas.length} schemas dropped, ${n} topics deleted`,
        ),
      )
      .catch((e: unknown) => log(`deleting the run's topics failed: ${String(e)}`));
  })();
  return cleaning;
}

let printed = false;
/** Prints the last stdout line once (a signal and a failing main may both try). */
function printLast(result: Readonly<Record<string, unknown>>): void {
  if (printed) return;
  printed = true;
  console.log(JSON.stringify(result));
}

function onSignal(signal: NodeJS.Signals): void {
  log(`${signal}: stopping everything`);
  setTimeout(() => process.exit(130), 30_000).unref();
  void cleanUp().finally(() => {
    printLast({ bench: 'store', error: `interrupted by ${signal}` });
    process.exit(130);
  });
}

function storeGroups(store: RunningStore): Record<string, number[]> {
  const result: Record<string, number[]> = {};
  for (const s of store.states()) if (s.alive && s.pid !== undefined) result[s.name] = [s.pid];
  return result;
}

/** Every process whose CPU is reported; `bench` is this process (the load generator). */
function cpuGroups(store: RunningStore, peer: RunningPeer, withSelf: boolean): PidGroups {
  const stack = stackPids(root);
  const one = (pid: number | undefined): number[] => (pid === undefined ? [] : [pid]);
  return {
    ...storeGroups(store),
    peer: [peer.pid],
    kafka: one(stack.kafka),
    postgres: postgresPids(stack.postgres),
    jaeger: one(stack.jaeger),
    ...(withSelf ? { bench: [process.pid] } : {}),
  };
}

interface QuietWindow {
  readonly cpuPct: Record<string, number>;
  /** RSS in MB at the window's end. */
  readonly rssMb: Record<string, number>;
}

/** Nothing sent for `seconds`: CPU % per process over the window, RSS at its end. */
async function quietWindow(
  store: RunningStore,
  peer: RunningPeer,
  seconds: number,
): Promise<QuietWindow> {
  const before = cpuSnapshot(cpuGroups(store, peer, false));
  const started = performance.now();
  await delay(seconds * 1000);
  const ticks = ticksBetween(before, cpuSnapshot(cpuGroups(store, peer, false)));
  return {
    cpuPct: cpuPercent(ticks, (performance.now() - started) / 1000, ticksPerSecond),
    rssMb: rssSnapshot({ ...storeGroups(store), peer: [peer.pid] }),
  };
}

function describeRecord(
  values: Readonly<Record<string, number>>,
  digits: number,
  unit: string,
): string {
  return Object.entries(values)
    .map(([name, v]) => `${name} ${round(v, digits)}${unit}`)
    .join(', ');
}

/** Per process, the CPU ms per 2xx answer of a contender's route over the pass's rounds, and their sum. */
function cpuPerAnswer(
  series: PassSeries,
  who: Contender,
  route: Route,
): { perGroup: [string, number][]; total: number } {
  const ok = series.rounds[who][route].reduce((n, r) => n + r.ok, 0);
  const perGroup = cpuMsPerRequest(series.ticks[who][route], ok, ticksPerSecond);
  return {
    perGroup,
    total: perGroup.reduce((sum, [, ms]) => sum + (Number.isFinite(ms) ? ms : 0), 0),
  };
}

/** Where the CPU of each contender's requests went, per process, in ms per 2xx answer. */
function logCpuPerRequest(pass: string, series: PassSeries): void {
  for (const who of contenders) {
    for (const route of routes) {
      const { perGroup, total } = cpuPerAnswer(series, who, route);
      log(
        `cpu per ${who} ${route} request (${pass}): ${perGroup
          .filter(([, ms]) => ms >= 0.005)
          .map(([name, ms]) => `${name} ${round(ms, 2)}`)
          .join(', ')} → ${round(total, 2)} ms of CPU per answer (${cpus().length} cpus)`,
      );
    }
  }
}

function logSeries(pass: string, name: string, s: SeriesSummary): void {
  log(
    `${pass} ${name}: ${round(s.rps, 1)} req/s (median of rounds), p50 ${round(s.p50Ms, 2)} ms, ` +
      `p99 ${round(s.p99Ms, 2)} ms, ${s.ok} ok, ${s.failed} failed`,
  );
}

interface PassOutcome {
  readonly series: PassSeries;
  readonly summary: Record<'store' | 'peer', Record<'products' | 'orders', SeriesSummary>>;
  readonly settlement: Settlement;
  readonly crashes: string[];
}

/** The rounds of one pass on a running store, then its settlement check. */
async function measurePass(
  pass: string,
  store: RunningStore,
  schemas: StoreSchemas,
  peer: RunningPeer,
  productIds: readonly string[],
): Promise<PassOutcome> {
  const db = made.db;
  if (db === undefined) throw new Error('no database pool');
  const orders = new OrderLog();
  const series = await runPassRounds({
    urls: { store: store.gatewayUrl, peer: peer.url },
    productIds,
    rounds: knobs.rounds,
    seconds: knobs.roundSeconds,
    warmupSeconds: knobs.warmupSeconds,
    connections: knobs.connections,
    maxRequests: knobs.maxRequests,
    label: `${runId}-${pass}`,
    storeOrders: orders,
    afterStoreOrders: async () => {
      const left = await waitPaymentsFinal(db, schemas.payment, orders.orders, roundSettleMs);
      if (left > 0)
        log(`${pass}: ${left} payments still not final ${roundSettleMs / 1000} s after the round`);
    },
    cpuGroups: () => cpuGroups(store, peer, true),
    log: (line) => log(`${pass}: ${line}`),
  });
  const sandbox = new SandboxControlClient(store.sandboxUrl, { timeoutMs: 15_000 });
  const settlement = await judgeSettlement(
    db,
    schemas,
    sandbox,
    orders.orders,
    orders.unreadable,
    knobs.settleSeconds * 1000,
  );
  log(`${pass}: settled ${settlement.settled}: ${settlement.summary}`);
  const summary = {
    store: {
      products: summarise(series.rounds.store.products, series.latencies.store.products),
      orders: summarise(series.rounds.store.orders, series.latencies.store.orders),
    },
    peer: {
      products: summarise(series.rounds.peer.products, series.latencies.peer.products),
      orders: summarise(series.rounds.peer.orders, series.latencies.peer.orders),
    },
  };
  for (const who of contenders) {
    for (const route of routes) logSeries(pass, `${who} ${route}`, summary[who][route]);
  }
  logCpuPerRequest(pass, series);
  const crashes = store
    .states()
    .filter((s) => s.unexpectedExits.length > 0)
    .map((s) => `${s.name} ${s.unexpectedExits.join(',')}`);
  if (crashes.length > 0) log(`${pass}: unexpected exits: ${crashes.join('; ')}`);
  return { series, summary, settlement, crashes };
}

/** Starts one pass's store on fresh schemas and topics (recorded for clean-up first) and restocks it. */
async function startPass(
  pass: 'on' | 'off',
): Promise<{ store: RunningStore; schemas: StoreSchemas; productIds: string[] }> {
  const db = made.db;
  if (db === undefined) throw new Error('no database pool');
  const schemas = passSchemas(runId, pass);
  const topicPrefix = `bench${runId}${pass}.`;
  made.schemas.push(schemas.catalog, schemas.invoice, schemas.payment, schemas.notification);
  made.topicPrefixes.push(topicPrefix);
  log(
    `${pass}: starting the store (telemetry ${pass}; schemas bench_${runId}_${pass}_*, topics ${topicPrefix}*)`,
  );
  const store = await launchPass({
    pgUrl: knobs.pgUrl,
    schemas,
    topicPrefix,
    telemetry: pass === 'on',
    logLevel: knobs.logLevel,
    log: (line) => log(`${pass}: launcher: ${line}`),
  });
  made.stores.add(store);
  const productIds = await restockedProducts(db, schemas.catalog, knobs.products, restockUnits);
  log(
    `${pass}: store up (logs ${store.logDir}); pids ${store
      .states()
      .map((s) => `${s.name} ${s.pid ?? '-'}`)
      .join(', ')}; ${productIds.length} products restocked by ${restockUnits}`,
  );
  return { store, schemas, productIds };
}

async function stopPass(store: RunningStore): Promise<void> {
  await store.stopAll();
  made.stores.delete(store);
}

async function main(): Promise<void> {
  setTimeout(() => {
    log(`over the ${knobs.boundSeconds} s bound, giving up`);
    setTimeout(() => process.exit(1), 30_000).unref();
    void cleanUp().finally(() => {
      printLast({ bench: 'store', error: `over the ${knobs.boundSeconds} s bound` });
      process.exit(1);
    });
  }, knobs.boundSeconds * 1000).unref();
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);

  const stack = stackPids(root);
  log(
    `node ${process.version}; ${knobs.rounds} rounds × ${knobs.roundSeconds} s per contender and route, ` +
      `${knobs.connections} connections (autocannon), quiet windows ${knobs.idleSeconds} s, telemetry-off pass ` +
      `${knobs.skipTelemetryOff ? 'skipped' : 'on'}; ${cpus().length} cpus, load ${loadavg()
        .map((l) => round(l, 1))
        .join(
          ' ',
        )}; kafka pid ${stack.kafka ?? '?'}, postgres ${stack.postgres ?? '?'}, jaeger ${stack.jaeger ?? '?'}`,
  );
  const db = knex({ client: 'pg', connection: knobs.pgUrl, pool: { min: 0, max: 2 } });
  made.db = db;

  // Pass 1: telemetry on (the shipped settings), with the memory and idle measurements.
  const on = await startPass('on');
  const peerSchema = `bench_${runId}_peer`;
  made.schemas.push(peerSchema);
  const copied = await createPeerSchema(db, peerSchema, on.schemas.catalog);
  const peer = await startPeer(knobs.pgUrl, peerSchema);
  made.peer = peer;
  log(`peer up at ${peer.url} (pid ${peer.pid}, schema ${peerSchema}, ${copied} products copied)`);

  // Let start-up work (consumer groups joining, first dashboard refresh) pass before the first quiet window.
  await delay(5000);
  const atStart = await quietWindow(on.store, peer, knobs.idleSeconds);
  log(`quiet window after start: cpu ${describeRecord(atStart.cpuPct, 2, ' %')}`);
  log(`quiet window after start: rss ${describeRecord(atStart.rssMb, 1, ' MB')}`);

  const sampler = new PeakRssSampler(() => ({ ...storeGroups(on.store), peer: [peer.pid] }));
  sampler.start();
  const first = await measurePass('on', on.store, on.schemas, peer, on.productIds);
  // The settlement check above waited for payments and receipts: the store has nothing left to do.
  const afterLoad = await quietWindow(on.store, peer, knobs.idleSeconds);
  // Peak = the highest RSS seen from the first round to the end of the quiet window: heaps do not shrink
  // back after the load, so RSS after it can exceed every sample taken during it.
  sampler.stop();
  log(`quiet window after the load: cpu ${describeRecord(afterLoad.cpuPct, 2, ' %')}`);
  log(`quiet window after the load: rss ${describeRecord(afterLoad.rssMb, 1, ' MB')}`);
  log(`peak rss (load, settlement, quiet window): ${describeRecord(sampler.peaks, 1, ' MB')}`);
  await stopPass(on.store);

  // Pass 2: the same rounds with telemetry off in every service (a fresh store on fresh schemas).
  let second: PassOutcome | undefined;
  if (!knobs.skipTelemetryOff) {
    const off = await startPass('off');
    second = await measurePass('off', off.store, off.schemas, peer, off.productIds);
    await stopPass(off.store);
  }

  const s1 = first.summary;
  const overhead =
    second === undefined
      ? Number.NaN
      : telemetryOverhead(
          { products: s1.store.products.rps, orders: s1.store.orders.rps },
          { products: second.summary.store.products.rps, orders: second.summary.store.orders.rps },
        );
  if (second !== undefined) {
    // The same, each pass's store rps divided by its own peer rounds: what is left when the machine's load drifts.
    const s2 = second.summary;
    const corrected = telemetryOverhead(
      {
        products: s1.store.products.rps / s1.peer.products.rps,
        orders: s1.store.orders.rps / s1.peer.orders.rps,
      },
      {
        products: s2.store.products.rps / s2.peer.products.rps,
        orders: s2.store.orders.rps / s2.peer.orders.rps,
      },
    );
    log(
      `telemetry off: store products ${round(s2.store.products.rps, 1)} req/s, orders ${round(s2.store.orders.rps, 1)} ` +
        `req/s (on: ${round(s1.store.products.rps, 1)}, ${round(s1.store.orders.rps, 1)}); overhead ${round(overhead, 3)}, ` +
        `${round(corrected, 3)} relative to the peer of each pass`,
    );
    // CPU per answer depends less than rps on what else the machine runs: a second view of the same cost.
    const cpu = (pass: PassOutcome, route: Route): number =>
      cpuPerAnswer(pass.series, 'store', route).total;
    log(
      `telemetry's CPU per store answer, on vs off: products ${round(cpu(first, 'products'), 2)} vs ` +
        `${round(cpu(second, 'products'), 2)} ms, orders ${round(cpu(first, 'orders'), 2)} vs ` +
        `${round(cpu(second, 'orders'), 2)} ms`,
    );
  }
  const rss: Record<string, RssFigures> = {};
  for (const name of Object.keys({ ...atStart.rssMb, ...afterLoad.rssMb })) {
    rss[name] = {
      idleStart: atStart.rssMb[name] ?? Number.NaN,
      idleAfter: afterLoad.rssMb[name] ?? Number.NaN,
      peak: sampler.peaks[name] ?? Number.NaN,
    };
  }
  const settled =
    first.settlement.settled &&
    (second?.settlement.settled ?? true) &&
    first.crashes.length === 0 &&
    (second?.crashes.length ?? 0) === 0;
  const result = storeResult({
    product: s1.store.products,
    order: s1.store.orders,
    peerProduct: s1.peer.products,
    peerOrder: s1.peer.orders,
    productVsPeer: medianRatio(
      first.series.rounds.store.products,
      first.series.rounds.peer.products,
    ),
    orderVsPeer: medianRatio(first.series.rounds.store.orders, first.series.rounds.peer.orders),
    telemetryOverhead: overhead,
    rss,
    idleCpuPct: afterLoad.cpuPct,
    services,
    settled,
    rounds: knobs.rounds,
  });
  log('targets (telemetry on):');
  for (const verdict of evaluateTargets(targetFigures(result)))
    log(`  ${describeVerdict(verdict)}`);
  log(
    `took ${round((Date.now() - runStarted) / 1000, 1)} s; load ${loadavg()
      .map((l) => round(l, 1))
      .join(' ')}`,
  );
  await cleanUp();
  printLast(result);
  if (!settled) process.exitCode = 1;
}

main()
  .catch(async (error: unknown) => {
    log(`failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    await cleanUp();
    printLast({ bench: 'store', error: String(error).slice(0, 300) });
    process.exitCode = 1;
  })
  .finally(() => {
    // Nothing of ours should keep the process alive past the verdict (pools destroyed, children stopped).
    setTimeout(() => process.exit(), 1000).unref();
  });
