// npm run bench:gateway: the real store (every process started by @gaara/launcher on ephemeral loopback ports)
// under autocannon beside a bare Fastify route, then fail-fast with catalog hung. Bounded (< 2 minutes);
// the last line is one JSON object for CI and the issue.
import { launchStore, pollUntil, type RunningStore } from '@gaara/launcher';
import { load, type LoadSample, startBare, startHungServer } from './gateway-load';
import { median, round } from './stats';

const rounds = Number(process.env['BENCH_ROUNDS'] ?? 5);
const seconds = Number(process.env['BENCH_ROUND_SECONDS'] ?? 2);
const connections = Number(process.env['BENCH_CONNECTIONS'] ?? 32);
/** The spec's timeout of calls to a dependency, the yardstick of fail-fast. */
const specTimeoutMs = 5000;

function line(label: string, s: LoadSample): string {
  return `  ${label.padEnd(10)} ${Math.round(s.rps).toString().padStart(7)} req/s  p50 ${s.p50Ms} ms  p99 ${s.p99Ms} ms${s.failed > 0 ? `  (${s.failed} failed)` : ''}`;
}

async function firstProductId(gateway: string): Promise<string> {
  const response = await fetch(`${gateway}/api/products?pageSize=1`, {
    signal: AbortSignal.timeout(5000),
  });
  const body = (await response.json()) as { products: { id: string }[] };
  return body.products[0].id;
}

async function main(): Promise<void> {
  const started = performance.now();
  // A hard bound on the whole run, whatever hangs.
  setTimeout(() => {
    console.error('bench:gateway: over its 2-minute bound, giving up');
    process.exit(1);
  }, 115_000).unref();
  console.log(
    `node ${process.version}, ${rounds} alternating rounds of ${seconds} s, ${connections} connections, medians`,
  );
  let store: RunningStore | undefined;
  const bare = await startBare();
  try {
    store = await launchStore({
      ports: 'ephemeral',
      commonEnv: {
        GAARA_LOG_LEVEL: process.env['BENCH_LOG_LEVEL'] ?? 'warn',
        GAARA_TELEMETRY_ENABLED: process.env['BENCH_TELEMETRY'] ?? 'false',
      },
      log: (l) => console.log(`  launcher: ${l}`),
    });
    const gw = store.gatewayUrl;
    const id = await firstProductId(gw);
    const variants = {
      bare: bare.url,
      dashboard: `${gw}/api/dashboard`,
      product: `${gw}/api/products/${id}`,
    };
    const samples: Record<keyof typeof variants, LoadSample[]> = {
      bare: [],
      dashboard: [],
      product: [],
    };
    const ratios = { dashboard: [] as number[], product: [] as number[] };
    // Warm-up (JIT, connection pools, caches), not counted.
    for (const url of Object.values(variants)) await load(url, connections, 1);
    for (let r = 0; r < rounds; r++) {
      // Alternate the order every round so drift does not favour one variant.
      const order = (['bare', 'dashboard', 'product'] as const).slice();
      if (r % 2 === 1) order.reverse();
      for (const name of order)
        samples[name].push(await load(variants[name], connections, seconds));
      const bareRps = samples.bare[r].rps;
      ratios.dashboard.push(samples.dashboard[r].rps / bareRps);
      ratios.product.push(samples.product[r].rps / bareRps);
    }
    const med = (name: keyof typeof samples): LoadSample => ({
      rps: median(samples[name].map((s) => s.rps)),
      p50Ms: median(samples[name].map((s) => s.p50Ms)),
      p99Ms: median(samples[name].map((s) => s.p99Ms)),
      failed: samples[name].reduce((n, s) => n + s.failed, 0),
    });
    const result = { bare: med('bare'), dashboard: med('dashboard'), product: med('product') };
    console.log('GET (medians):');
    console.log(line('bare', result.bare));
    console.log(line('dashboard', result.dashboard));
    console.log(line('product', result.product));

    // Fail-fast: catalog replaced by a TCP server that accepts and never answers.
    await store.kill('catalog', 'SIGKILL');
    const hung = await startHungServer(store.ports.catalog);
    let failfast: LoadSample;
    let breakerOpened = false;
    try {
      const opened = await pollUntil(
        async () => {
          // Traffic on the catalog paths so the breakers see failures (the dashboard drives the aggregator's
          // catalog breaker); the verdict comes from /health.
          await Promise.all(
            [variants.product, variants.dashboard].map((url) =>
              fetch(url, { signal: AbortSignal.timeout(6000) }).catch(() => undefined),
            ),
          );
          const health = await fetch(`${gw}/health`, { signal: AbortSignal.timeout(6000) })
            .then((r) => r.json() as Promise<{ services?: Record<string, string> }>)
            .catch(() => ({ services: undefined }));
          return (
            health.services?.['breaker:catalog'] !== undefined &&
            health.services['breaker:catalog'] !== 'healthy'
          );
        },
        60_000,
        250,
      );
      breakerOpened = opened;
      console.log(
        opened
          ? `catalog hung; breaker open after ${round((performance.now() - started) / 1000, 1)} s of the run`
          : 'catalog hung; /health did not report the catalog breaker open within 60 s (measured anyway)',
      );
      failfast = await load(variants.dashboard, connections, seconds);
      console.log(line('failfast', failfast));
    } finally {
      await hung.close();
    }
    console.log(`  (beside the spec's ${specTimeoutMs} ms call timeout)`);
    console.log(`took ${round((performance.now() - started) / 1000, 1)} s`);
    console.log(
      JSON.stringify({
        bench: 'gateway',
        dashboard_vs_bare: round(median(ratios.dashboard), 3),
        product_vs_bare: round(median(ratios.product), 3),
        dashboard_p99_ms: result.dashboard.p99Ms,
        failfast_p99_ms: failfast.p99Ms,
        failfast_breaker_open: breakerOpened,
      }),
    );
  } finally {
    await store?.stopAll();
    bare.child.kill('SIGTERM');
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
