// Shared helpers of the end-to-end tests: the store with short tunables, HTTP calls, polling with deadlines.
import { randomBytes } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import knex, { type Knex } from 'knex';
import { launchStore, pollUntil, type RunningStore, type ServiceName } from '@gaara/launcher';
import { createMessagingClient, deleteTopicsWithPrefix } from '@gaara/messaging';
import { testBrokers } from '@gaara/messaging/testing';

export const root = resolve(__dirname, '../../..');
export const pgUrl = process.env['GAARA_PG_URL'] ?? 'postgres://gaara:gaara@127.0.0.1:5432/gaara';
export const jaegerUrl = `http://127.0.0.1:${process.env['GAARA_JAEGER_QUERY_PORT'] ?? 16686}`;

/** Breakers stay open this long in gateway and aggregator. */
export const breakerOpenMs = 2000;

/** Each service's PostgreSQL schema in one run. */
export interface StoreSchemas {
  readonly catalog: string;
  readonly invoice: string;
  readonly payment: string;
  readonly notification: string;
}

/** Unique schemas and Kafka topic prefix per run, so runs never collide. */
export interface StoreIsolation {
  readonly schemas: StoreSchemas;
  readonly topicPrefix: string;
}

export function uniqueIsolation(): StoreIsolation {
  const id = randomBytes(4).toString('hex');
  return {
    schemas: {
      catalog: `e2e_${id}_catalog`,
      invoice: `e2e_${id}_invoice`,
      payment: `e2e_${id}_payment`,
      notification: `e2e_${id}_notification`,
    },
    topicPrefix: `e2e${id}.`,
  };
}

/** Short retry tiers of the end-to-end store, in the services' delay syntax. */
export const testPaymentDelays = '1s,2s,3s';
export const testNotificationDelays = '1s,2s,3s';

/** Starts the whole store on ephemeral ports with short timeouts, breakers, cache windows and retry tiers. */
export function startStore(
  isolation: StoreIsolation,
  env: Partial<Record<ServiceName, Readonly<Record<string, string>>>> = {},
): Promise<RunningStore> {
  const withOverrides = (name: ServiceName, own: Record<string, string>) => ({
    ...own,
    ...env[name],
  });
  return launchStore({
    root,
    ports: 'ephemeral',
    pgUrl,
    schemas: isolation.schemas,
    topicPrefix: isolation.topicPrefix,
    retryDelays: { payments: testPaymentDelays, notifications: testNotificationDelays },
    startTimeoutMs: 30_000,
    stopTimeoutMs: 5_000,
    commonEnv: {
      GAARA_LOG_LEVEL: 'info',
      // The broker's minimum: after a SIGKILL the restarted consumer waits this long for the dead member's partitions.
      GAARA_KAFKA_SESSION_TIMEOUT_MS: '6000',
      GAARA_DEPLOYMENT_ENVIRONMENT: 'e2e',
      GAARA_TELEMETRY_ENABLED: 'true',
      GAARA_OTLP_ENDPOINT: `http://127.0.0.1:${process.env['GAARA_JAEGER_OTLP_HTTP_PORT'] ?? 4318}`,
    },
    env: {
      sandbox: withOverrides('sandbox', {}),
      catalog: withOverrides('catalog', { GAARA_DB_HEALTH_INTERVAL_MS: '250' }),
      invoice: withOverrides('invoice', {
        GAARA_DB_HEALTH_INTERVAL_MS: '250',
        GAARA_BREAKER_OPEN_MS: String(breakerOpenMs),
      }),
      payment: withOverrides('payment', {
        GAARA_DB_HEALTH_INTERVAL_MS: '250',
        GAARA_PAYMENT_LEASE_MS: '3000',
        GAARA_PAYMENT_SWEEP_INTERVAL: '500ms',
        GAARA_BREAKER_OPEN_MS: String(breakerOpenMs),
      }),
      notification: withOverrides('notification', {
        GAARA_DB_HEALTH_INTERVAL_MS: '250',
        GAARA_NOTIFICATION_LEASE_MS: '3000',
        GAARA_BREAKER_OPEN_MS: String(breakerOpenMs),
      }),
      aggregator: withOverrides('aggregator', {
        GAARA_BREAKER_OPEN_MS: String(breakerOpenMs),
        GAARA_CALL_TIMEOUT_MS: '500',
        GAARA_SECTION_FRESH_MS: '200',
        GAARA_SECTION_STALE_MS: '1500',
        GAARA_HEALTH_CHECK_TIMEOUT_MS: '300',
      }),
      gateway: withOverrides('gateway', {
        GAARA_BREAKER_OPEN_MS: String(breakerOpenMs),
        GAARA_CALL_TIMEOUT_MS: '500',
        GAARA_EXTERNAL_API_TIMEOUT_MS: '300',
        GAARA_DASHBOARD_FRESH_MS: '200',
        GAARA_DASHBOARD_STALE_MS: '1500',
        // Short like the windows above: a killed catalog shows as cached products well within the dashboard's 1.5 s.
        GAARA_PRODUCT_FRESH_MS: '200',
        GAARA_ADMIN_TOKEN: adminToken,
      }),
    },
  });
}

/** The gateway's admin token in end-to-end runs. */
export const adminToken = 'e2e-admin-token-0123456789';

export function database(): Knex {
  return knex({ client: 'pg', connection: pgUrl, pool: { min: 0, max: 2 } });
}

export async function dropSchemas(db: Knex, schemas: StoreSchemas): Promise<void> {
  for (const schema of [schemas.notification, schemas.payment, schemas.invoice, schemas.catalog]) {
    await db.raw('drop schema if exists ?? cascade', [schema]);
  }
}

export interface Answer {
  readonly status: number;
  readonly body: any; // eslint-disable-line @typescript-eslint/no-explicit-any
  readonly headers: Headers;
  readonly ms: number;
}

/** One HTTP call, bounded by `timeoutMs`; JSON bodies are parsed. */
export async function call(
  base: string,
  path: string,
  init: RequestInit & { json?: unknown; timeoutMs?: number } = {},
): Promise<Answer> {
  const { json, timeoutMs = 5000, ...rest } = init;
  const headers = new Headers(rest.headers);
  if (json !== undefined) headers.set('content-type', 'application/json');
  const started = performance.now();
  const response = await fetch(new URL(path, base), {
    ...rest,
    headers,
    body: json === undefined ? rest.body : JSON.stringify(json),
    signal: AbortSignal.timeout(timeoutMs),
  });
  const text = await response.text();
  const ms = performance.now() - started;
  let body: unknown = text;
  if ((response.headers.get('content-type') ?? '').includes('json') && text !== '') {
    body = JSON.parse(text);
  }
  return { status: response.status, body, headers: response.headers, ms };
}

/** Errors of the spec's own code (fetch's "fetch failed" TypeError aside: the store is not up yet). */
function isProgrammingError(error: unknown): boolean {
  return (
    error instanceof Error &&
    ['TypeError', 'RangeError', 'ReferenceError', 'SyntaxError'].includes(error.name) &&
    error.message !== 'fetch failed'
  );
}

/**
 * Polls `probe` until `holds` its answer; throws naming `what` and the last answer or error (e.g. a failed
 * `expect` in either) after `timeoutMs`. A TypeError/RangeError/ReferenceError/SyntaxError of the spec's own
 * code is rethrown at once.
 */
export async function eventually<T>(
  what: string,
  probe: () => Promise<T>,
  holds: (value: T) => boolean,
  timeoutMs = 15_000,
  intervalMs = 100,
): Promise<T> {
  let last: T | undefined;
  let lastError: unknown;
  const ok = await pollUntil(
    async () => {
      try {
        last = await probe();
        lastError = undefined;
        return holds(last);
      } catch (error: unknown) {
        if (isProgrammingError(error)) throw error;
        lastError = error;
        return false;
      }
    },
    timeoutMs,
    intervalMs,
  );
  if (!ok) {
    const detail = lastError === undefined ? JSON.stringify(last) : String(lastError);
    throw new Error(`${what}: not within ${timeoutMs} ms; last: ${detail?.slice(0, 800)}`);
  }
  return last as T;
}

/** Runs `tools/stack/stack <args>`, bounded. */
export function stack(...args: string[]): void {
  const result = spawnSync('bash', [resolve(root, 'tools/stack/stack'), ...args], {
    encoding: 'utf8',
    timeout: 120_000,
  });
  if (result.status !== 0) {
    throw new Error(
      `stack ${args.join(' ')} failed (${result.status ?? result.signal}): ${result.stderr}${result.stdout}`,
    );
  }
}

/** Prints every service's log tail: called when a test failed. */
export function printLogTails(store: RunningStore | undefined): void {
  if (store === undefined) return;
  for (const s of store.states()) {
    process.stderr.write(
      `--- ${s.name} (pid ${s.pid}, alive ${s.alive}) ${s.logFile}\n${store.logTail(s.name, 25)}\n`,
    );
  }
}

/** `test` wrappers that remember whether a step failed, so the spec's afterAll prints the log tails once. */
export function stepRecorder(defaultTimeoutMs: number): {
  step(name: string, body: () => Promise<void>, timeoutMs?: number): void;
  failed(): boolean;
} {
  let failed = false;
  return {
    step: (name, body, timeoutMs = defaultTimeoutMs) =>
      test(
        name,
        async () => {
          try {
            await body();
          } catch (error) {
            failed = true;
            throw error;
          }
        },
        timeoutMs,
      ),
    failed: () => failed,
  };
}

/** Starts a spec file's store; when that fails, drops the run's schemas and closes `db` before rethrowing. */
export async function startStoreFor(isolation: StoreIsolation, db: Knex): Promise<RunningStore> {
  try {
    return await startStore(isolation);
  } catch (error) {
    await dropSchemas(db, isolation.schemas);
    await db.destroy();
    throw error;
  }
}

/** Stops a spec file's store (log tails first when a step failed), drops the run's schemas, closes `db`. */
export async function stopStoreFor(
  store: RunningStore | undefined,
  db: Knex | undefined,
  isolation: StoreIsolation,
  failed: boolean,
): Promise<void> {
  if (failed) printLogTails(store);
  await store?.stopAll();
  // The run's topics go with it: a broker piling up every run's topics is slower and busier at rest.
  const kafka = createMessagingClient({ brokers: testBrokers(), clientId: 'store-e2e-cleanup' });
  await deleteTopicsWithPrefix(kafka, isolation.topicPrefix).catch((error: unknown) =>
    process.stderr.write(`deleting the run's topics failed: ${String(error)}\n`),
  );
  if (db !== undefined) {
    await dropSchemas(db, isolation.schemas);
    await db.destroy();
  }
}
