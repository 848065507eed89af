// One chaos run: the whole store behind toxiproxy, a bounded order load, each fault applied then reverted in
// turn, and after the run every accepted order judged from the sources of truth.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { resolve } from 'node:path';
import knex, { type Knex } from 'knex';
import {
  ProviderLedger,
  deleteTopicsWithPrefixes,
  readInvoices,
  readInvoicesByKey,
  readPayments,
  replayDeadLetters,
  restockedProducts,
  unsettledCount,
  type PlacedOrder,
} from '@gaara/bench';
import {
  delay,
  ephemeralPorts,
  freePorts,
  launchStore,
  pollUntil,
  type RunningStore,
} from '@gaara/launcher';
import { SandboxControlClient } from '@gaara/sandbox';
import { stackEndpoints } from '@gaara/stack';
import { reportFault, type FaultReport, type FaultWindow, type Ledger } from './fault-report';
import type { Fault, FaultContext } from './faults';
import { ChaosTraffic } from './traffic';
import { ensureToxiproxy, startToxiproxy } from './toxiproxy';

export interface ChaosOptions {
  readonly root: string;
  readonly faults: readonly Fault[];
  /** How long each fault lasts, in seconds (a killed process: until its restart). */
  readonly faultSeconds: number;
  /** Orders started per second. */
  readonly ordersPerSecond: number;
  /** GAARA_BREAKER_OPEN_MS of every service, in milliseconds; recovery is judged against it + 10 s. */
  readonly breakerOpenMs: number;
  /** Bound on the wait for every accepted order to settle after the faults, in seconds. */
  readonly settleSeconds: number;
  readonly log: (line: string) => void;
}

/** Answers every store answer within this, in milliseconds (a 503 with Retry-After is an answer; a hang is not). */
export const ANSWER_P99_TARGET_MS = 1000;
/** Retry tiers of the run: short, so a charge queued during a fault settles within the run. */
const RUN_RETRY_DELAYS = { payments: '1s,5s,10s,20s', notifications: '1s,5s,10s,20s' };

/** Runs every fault in turn and answers one report per fault. */
export async function runChaos(options: ChaosOptions): Promise<FaultReport[]> {
  const { log } = options;
  const runId = randomBytes(4).toString('hex');
  const stack = stackEndpoints();
  // Not spawnSync: a stop or start takes seconds, and a blocked event loop would time every answer in flight wrong.
  const stackCli = (...args: string[]): Promise<void> =>
    runStackCommand(resolve(options.root, 'tools/stack/stack'), args);
  // Through the proxy only when a Kafka network fault needs it (the chaos listener may need a broker restart).
  const kafkaViaProxy = options.faults.some((f) => f.name.startsWith('kafka-net-'));
  await stackCli('start', 'postgres', 'kafka', 'jaeger');
  if (kafkaViaProxy) await ensureKafkaChaosListener(stack.kafkaChaos.listener, stackCli, log);
  const toxiproxy = await startToxiproxy(ensureToxiproxy(options.root));
  const db = knex({ client: 'pg', connection: stack.postgresUrl, pool: { min: 0, max: 2 } });
  const schemas = {
    catalog: `chaos_${runId}_catalog`,
    invoice: `chaos_${runId}_invoice`,
    payment: `chaos_${runId}_payment`,
    notification: `chaos_${runId}_notification`,
  };
  const topicPrefix = `chaos${runId}.`;
  let store: RunningStore | undefined;
  try {
    // Chosen before the launch, so the provider proxy knows its upstream.
    const ports = await ephemeralPorts();
    // Distinct from the store's ports, which are free only until the store binds them (a collision was seen).
    const [pgProxyPort, providerProxyPort] = await freePorts(2, '127.0.0.1', Object.values(ports));
    const pg = new URL(stack.postgresUrl);
    await toxiproxy.createProxy(
      'postgres',
      `127.0.0.1:${pgProxyPort}`,
      `${pg.hostname}:${pg.port}`,
    );
    await toxiproxy.createProxy('kafka', stack.kafkaChaos.advertised, stack.kafkaChaos.listener);
    await toxiproxy.createProxy(
      'provider',
      `127.0.0.1:${providerProxyPort}`,
      `127.0.0.1:${ports.sandboxPayment}`,
    );
    pg.port = String(pgProxyPort);
    const adminToken = randomBytes(16).toString('hex');
    log(`run ${runId}: starting the store behind toxiproxy (${toxiproxy.apiUrl})`);
    store = await launchStore({
      root: options.root,
      ports,
      pgUrl: pg.toString(),
      schemas,
      topicPrefix,
      retryDelays: RUN_RETRY_DELAYS,
      supervise: true,
      prometheusTargetsDir: false,
      commonEnv: {
        GAARA_KAFKA_BROKERS: kafkaViaProxy
          ? stack.kafkaChaos.advertised
          : stack.kafkaBrokers.join(','),
        GAARA_OTLP_ENDPOINT: stack.jaegerOtlpHttpUrl,
        GAARA_BREAKER_OPEN_MS: String(options.breakerOpenMs),
        GAARA_DEPLOYMENT_ENVIRONMENT: 'chaos',
      },
      env: {
        payment: {
          GAARA_PAYMENT_PROVIDER_URL: `http://127.0.0.1:${providerProxyPort}`,
          // A payment killed mid-charge is re-queued after its lease: short, so the run settles.
          GAARA_PAYMENT_LEASE_MS: '20000',
        },
        gateway: { GAARA_ADMIN_TOKEN: adminToken },
      },
      log: (line) => log(`launcher: ${line}`),
    });
    const productIds = await restockedProducts(db, schemas.catalog, 20, 1_000_000);
    const sandbox = new SandboxControlClient(store.sandboxUrl);
    const traffic = new ChaosTraffic({
      gatewayUrl: store.gatewayUrl,
      productIds,
      ordersPerSecond: options.ordersPerSecond,
    });
    const ctx: FaultContext = { store, toxiproxy, sandbox, stack: stackCli };
    await traffic.lookUpEveryProduct();
    traffic.start();
    const windows: FaultWindow[] = [];
    for (const fault of options.faults) {
      await untilSteady(traffic, log);
      windows.push(await runFault(fault, ctx, traffic, options));
    }
    await traffic.stop(65_000);
    log(`faults done: ${traffic.orders.length} orders placed; settling`);
    const ledger = await settle(db, schemas, sandbox, traffic.orders, {
      gatewayUrl: store.gatewayUrl,
      adminToken,
      timeoutMs: options.settleSeconds * 1000,
      log,
    });
    const targets = {
      p99Ms: ANSWER_P99_TARGET_MS,
      recoveryBoundS: options.breakerOpenMs / 1000 + 10,
    };
    return windows.map((w) =>
      reportFault(w, traffic.orders, traffic.answers, ledger, targets, traffic.lags),
    );
  } finally {
    await store?.stopAll().catch(() => undefined);
    await toxiproxy.stop().catch(() => undefined);
    // A fault cut short must not leave the shared stack down.
    try {
      await stackCli('start', 'postgres', 'kafka', 'jaeger');
    } catch (error: unknown) {
      log(`stack start after the run: ${String(error)}`);
    }
    await cleanUp(db, Object.values(schemas), stack.kafkaBrokers, topicPrefix, log);
  }
}

async function runFault(
  fault: Fault,
  ctx: FaultContext,
  traffic: ChaosTraffic,
  options: ChaosOptions,
): Promise<FaultWindow> {
  const appliedAt = Date.now();
  options.log(`fault ${fault.name}: applied`);
  await fault.apply(ctx);
  await delay(options.faultSeconds * 1000);
  await fault.revert(ctx);
  const endedAt = Date.now();
  options.log(`fault ${fault.name}: ended after ${((endedAt - appliedAt) / 1000).toFixed(1)} s`);
  // Recovered: an order sent after the end was accepted within a second, and /health said healthy.
  const since = (route: string, ok: (status: number, ms: number) => boolean): boolean =>
    traffic.answers.some((a) => a.at >= endedAt && a.route === route && ok(a.status, a.ms));
  const bound = options.breakerOpenMs + 30_000;
  const recovered = await pollUntil(
    async () =>
      since('order', (s, ms) => (s === 202 || s === 200) && ms < 1000) &&
      since('health', (s) => s === 200),
    bound,
    100,
  );
  const recoveredAt = recovered ? Date.now() : Number.NaN;
  options.log(
    `fault ${fault.name}: ${recovered ? `recovered in ${((recoveredAt - endedAt) / 1000).toFixed(1)} s` : `not recovered within ${bound / 1000} s; /health: ${traffic.lastHealth}`}`,
  );
  return { fault: fault.name, appliedAt, endedAt, recoveredAt };
}

/** Longest wait for the steady state before a fault, in milliseconds; the fault then starts anyway (logged). */
const STEADY_BOUND_MS = 60_000;

/** Waits until the store is in its steady state (see ChaosTraffic.isSteady), so each fault is measured from it. */
async function untilSteady(traffic: ChaosTraffic, log: (line: string) => void): Promise<void> {
  const from = Date.now();
  const steady = await pollUntil(async () => traffic.isSteady(from), STEADY_BOUND_MS, 250);
  const seconds = ((Date.now() - from) / 1000).toFixed(1);
  log(
    steady ? `steady after ${seconds} s` : `not steady after ${seconds} s; the fault starts anyway`,
  );
}

/** Waits for every payment to be final (replaying dead letters once), then for the receipts; reads the ledger. */
async function settle(
  db: Knex,
  schemas: Record<'invoice' | 'payment', string>,
  sandbox: SandboxControlClient,
  orders: readonly PlacedOrder[],
  admin: {
    gatewayUrl: string;
    adminToken: string;
    timeoutMs: number;
    log: (line: string) => void;
  },
): Promise<Ledger> {
  const until = Date.now() + admin.timeoutMs;
  const paymentsFinal = async (): Promise<boolean> =>
    unsettledCount(orders, await readPayments(db, schemas.payment)) === 0;
  await pollUntil(paymentsFinal, Math.max(0, until - Date.now()), 500);
  const replayed = await replayDeadLetters(admin.gatewayUrl, 'payments', admin.adminToken, 10_000);
  if (replayed > 0) {
    admin.log(`replayed ${replayed} dead-lettered payments`);
    await delay(1000);
    await pollUntil(paymentsFinal, Math.max(0, until - Date.now()), 500);
  }
  const ledger = new ProviderLedger(sandbox);
  const receiptsSent = async (): Promise<boolean> => {
    const payments = await readPayments(db, schemas.payment);
    const mails = await ledger.mailsByKey();
    return orders.every((o) => {
      const row = payments.get(o.paymentId ?? '');
      return row?.status !== 'succeeded' || mails.has(`receipt:${row.id}`);
    });
  };
  await pollUntil(receiptsSent, Math.max(0, until - Date.now()), 500);
  await delay(1000); // A late duplicate charge or receipt would show in this second.
  return {
    payments: await readPayments(db, schemas.payment),
    invoices: await readInvoices(db, schemas.invoice),
    invoicesByKey: await readInvoicesByKey(db, schemas.invoice),
    charges: await ledger.chargesByKey(),
    receipts: await ledger.mailsByKey(),
  };
}

/** A broker started before the chaos listener existed is restarted once so it has it. */
async function ensureKafkaChaosListener(
  listener: string,
  stackCli: (...args: string[]) => Promise<void>,
  log: (line: string) => void,
): Promise<void> {
  const [host, port] = listener.split(':');
  if (await canConnect(host, Number(port))) return;
  log(`Kafka has no chaos listener on ${listener}: restarting it with the stack's current config`);
  await stackCli('stop', 'kafka');
  await stackCli('start', 'kafka');
  if (!(await canConnect(host, Number(port)))) throw new Error(`no Kafka listener on ${listener}`);
}

async function canConnect(host: string, port: number): Promise<boolean> {
  const { createConnection } = await import('node:net');
  return new Promise((done) => {
    const socket = createConnection({ host, port, timeout: 1000 });
    socket.once('connect', () => {
      socket.destroy();
      done(true);
    });
    socket.once('error', () => done(false));
    socket.once('timeout', () => {
      socket.destroy();
      done(false);
    });
  });
}

async function cleanUp(
  db: Knex,
  schemas: readonly string[],
  brokers: readonly string[],
  topicPrefix: string,
  log: (line: string) => void,
): Promise<void> {
  try {
    for (const schema of schemas) await db.raw('DROP SCHEMA IF EXISTS ?? CASCADE', [schema]);
    await deleteTopicsWithPrefixes(brokers, [topicPrefix]);
  } catch (error: unknown) {
    log(`clean-up: ${String(error)}`);
  } finally {
    await db.destroy();
  }
}

/** Runs `tools/stack/stack <args>` without blocking; rejects with its output when it fails or runs past 5 min. */
function runStackCommand(script: string, args: readonly string[]): Promise<void> {
  return new Promise((done, fail) => {
    const child = spawn('bash', [script, ...args], {
      stdio: ['ignore', 'pipe', 'pipe'],
      timeout: 300_000,
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('error', fail);
    child.once('close', (code, signal) =>
      code === 0
        ? done()
        : fail(new Error(`stack ${args.join(' ')} (${code ?? signal}): ${output}`)),
    );
  });
}
