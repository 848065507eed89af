// Part of npm test's Prometheus gate: a store on ephemeral ports, every process's /metrics through
// `promtool check metrics`, every breaker's counters present at 0 or more, and the local Prometheus scraping each
// process of the run `up` from the launcher's target file, then dropping them once the store stopped.
import { stackEndpoints } from '@gaara/stack';
import { firstProductInStock } from './example-product';
import { pollUntil } from './health';
import { launchStore, type RunningStore } from './launcher';
import { metricsPortOf } from './metrics-ports';
import { activeTargets } from './prometheus-api';
import { checkMetrics } from './promtool';
import { serviceNames, type ServiceName } from './store-services';

/** Bounds, in milliseconds. */
const scrapedWithinMs = 60_000;
const trafficSeenWithinMs = 20_000;
const droppedWithinMs = 30_000;

const stack = stackEndpoints();
const step = (line: string): void => console.log(`prometheus-check: ${line}`);

/** The processes with a /metrics endpoint and its URL. */
function metricsUrls(store: RunningStore): Array<{ name: ServiceName; url: string }> {
  return serviceNames.flatMap((name) => {
    const port = metricsPortOf(name, store.ports);
    return port === undefined ? [] : [{ name, url: `http://127.0.0.1:${port}/metrics` }];
  });
}

async function scrape(url: string): Promise<string> {
  const response = await fetch(url, { signal: AbortSignal.timeout(5_000) });
  if (!response.ok) throw new Error(`${url} answered ${response.status}`);
  return response.text();
}

/** An order (payment → provider) and the external data (gateway → external API): both go out through fetch. */
async function outgoingTraffic(store: RunningStore): Promise<void> {
  const productId = await firstProductInStock(store.gatewayUrl);
  if (productId === undefined) throw new Error('no product in stock to order');
  const order = await fetch(`${store.gatewayUrl}/api/orders`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      customerId: 'c-prometheus-check',
      customerEmail: 'ada@example.com',
      items: [{ productId, quantity: 1 }],
      paymentMethod: 'tok_visa',
      idempotencyKey: `prometheus-check-${store.runId}`,
    }),
    signal: AbortSignal.timeout(10_000),
  });
  if (order.status !== 202) throw new Error(`POST /api/orders answered ${order.status}`);
  await fetch(`${store.gatewayUrl}/api/external-data`, { signal: AbortSignal.timeout(10_000) });
  // Both client histograms (gateway's and payment's) exist once their fetches were recorded.
  for (const name of ['gateway', 'payment'] as const) {
    const url = metricsUrls(store).find((m) => m.name === name)?.url ?? '';
    const seen = await pollUntil(
      async () => /^http_client_request_duration_count\{/m.test(await scrape(url)),
      trafficSeenWithinMs,
      250,
    );
    if (!seen) throw new Error(`${name}: no http_client_request_duration after its outgoing call`);
  }
}

/** Breakers named on circuit_breaker_state whose failures or rejections counter has no series. */
function breakersWithoutCounters(text: string): string[] {
  const services = (metric: string): Set<string> =>
    new Set(
      [...text.matchAll(new RegExp(`^${metric}\\{[^}]*service="([^"]+)"`, 'gm'))].map((m) => m[1]),
    );
  const failures = services('circuit_breaker_failures_total');
  const rejections = services('circuit_breaker_rejections_total');
  return [...services('circuit_breaker_state')].filter(
    (s) => !failures.has(s) || !rejections.has(s),
  );
}

/** Lints every process's scrape; returns the names that failed. */
async function lintEveryProcess(store: RunningStore): Promise<string[]> {
  const failed: string[] = [];
  for (const { name, url } of metricsUrls(store)) {
    const text = await scrape(url);
    const verdict = checkMetrics(text);
    const missing = breakersWithoutCounters(text);
    if (verdict.ok && missing.length === 0) {
      step(`promtool check metrics ${name}: ok`);
      continue;
    }
    failed.push(name);
    if (!verdict.ok) step(`promtool check metrics ${name}: FAILED\n${verdict.output}`);
    if (missing.length > 0) step(`${name}: breakers without counters at 0: ${missing.join(', ')}`);
  }
  return failed;
}

/** The run's targets as Prometheus sees them: job → health. */
async function runTargets(runId: string): Promise<Map<string, string>> {
  const targets = await activeTargets(stack.prometheusUrl);
  return new Map(
    targets.filter((t) => t.labels['run_id'] === runId).map((t) => [t.labels['job'], t.health]),
  );
}

async function everyProcessUp(store: RunningStore): Promise<boolean> {
  const expected = metricsUrls(store).map((m) => m.name);
  let seen = new Map<string, string>();
  const up = await pollUntil(
    async () => {
      seen = await runTargets(store.runId);
      return expected.every((name) => seen.get(name) === 'up');
    },
    scrapedWithinMs,
    500,
  );
  const line = expected.map((name) => `${name} ${seen.get(name) ?? 'absent'}`).join(', ');
  step(`${stack.prometheusUrl}/api/v1/targets, run_id=${store.runId}: ${line}`);
  return up;
}

async function main(): Promise<void> {
  await activeTargets(stack.prometheusUrl).catch((error: unknown) => {
    throw new Error(
      `Prometheus does not answer at ${stack.prometheusUrl} (npm run stack -- start prometheus): ${String(error)}`,
    );
  });
  step('starting a store on ephemeral ports');
  const store = await launchStore({
    ports: 'ephemeral',
    pgUrl: stack.postgresUrl,
    commonEnv: {
      GAARA_KAFKA_BROKERS: stack.kafkaBrokers.join(','),
      GAARA_OTLP_ENDPOINT: stack.jaegerOtlpHttpUrl,
    },
  });
  let failures: string[] = [];
  try {
    step(`store up (run ${store.runId}, targets in ${store.prometheusTargets ?? 'none'})`);
    await outgoingTraffic(store);
    failures = await lintEveryProcess(store);
    if (!(await everyProcessUp(store))) failures.push('not every process up in Prometheus');
  } finally {
    await store.stopAll();
  }
  const dropped = await pollUntil(
    async () => (await runTargets(store.runId)).size === 0,
    droppedWithinMs,
    500,
  );
  step(dropped ? 'targets dropped after stopAll' : 'targets still listed after stopAll');
  if (!dropped) failures.push('targets not dropped after stopAll');
  if (failures.length > 0) throw new Error(failures.join('; '));
}

main().then(
  () => step('ok'),
  (error: unknown) => {
    step(`FAILED: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  },
);
