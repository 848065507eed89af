import { createServer, get, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { PrometheusExporter } from '@opentelemetry/exporter-prometheus';
import { MeterProvider } from '@opentelemetry/sdk-metrics';
import { ResponseCache } from '../fallback/response-cache';
import { createPolicy } from '../policy/create-policy';
import { BreakerRegistry } from '../registry/breaker-registry';
import { notFound, unavailable } from '../testing/fake-errors';

/** Reads the value of one series from Prometheus text, whatever other labels (scope) it carries. */
function sample(text: string, name: string, labels: Record<string, string>): number | undefined {
  for (const line of text.split('\n')) {
    const match = /^([a-zA-Z_:][\w:]*)\{([^}]*)\} (\S+)/.exec(line);
    if (match === null || match[1] !== name) continue;
    if (Object.entries(labels).every(([k, v]) => match[2].includes(`${k}="${v}"`)))
      return Number(match[3]);
  }
  return undefined;
}

function httpGet(url: string): Promise<string> {
  return new Promise((resolve, reject) => {
    get(url, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolve(body));
    }).on('error', reject);
  });
}

async function settle(promise: Promise<unknown>): Promise<unknown> {
  try {
    return await promise;
  } catch (error: unknown) {
    return error;
  }
}

describe('metrics on the Prometheus endpoint', () => {
  let exporter: PrometheusExporter;
  let provider: MeterProvider;
  let server: Server;
  let url: string;

  beforeAll(async () => {
    exporter = new PrometheusExporter({ preventServerStart: true });
    provider = new MeterProvider({ readers: [exporter] });
    server = createServer((req, res) => exporter.getMetricsRequestHandler(req, res));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/metrics`;
  });

  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
    await provider.shutdown();
  });

  it('exposes the spec names with the values of a scripted sequence of calls', async () => {
    jest.useFakeTimers({ now: 1_000_000 });
    const meter = provider.getMeter('@gaara/resilience');
    const registry = new BreakerRegistry();
    const dep = createPolicy(
      'metrics_dep',
      {
        timeoutMs: 50,
        retry: { maxAttempts: 2, initialDelayMs: 10, maxDelayMs: 10 },
        breaker: { minimumCalls: 4, threshold: 0.5 },
      },
      { meter, registry },
    );
    const bulk = createPolicy(
      'metrics_bulk',
      { bulkhead: { limit: 1, queue: 0 } },
      { meter, registry },
    );
    const cache = new ResponseCache<string, string>({ name: 'metrics_dep', meter });

    // 1. NOT_FOUND: the caller's error, no failure, no retry.
    await settle(dep.execute(() => Promise.reject(notFound())));
    // 2. UNAVAILABLE then success: 1 failure, 1 retry; the good value is cached.
    let n = 0;
    const flaky = cache.get('k', () =>
      dep.execute(() => (++n === 1 ? Promise.reject(unavailable()) : 'v')),
    );
    await jest.advanceTimersByTimeAsync(20);
    await flaky;
    // 3. Hangs twice: 2 timeouts, 2 failures (3 of 4 calls failed: opens), 1 more retry.
    const hanging = settle(dep.execute(() => new Promise(() => undefined)));
    await jest.advanceTimersByTimeAsync(200);
    await hanging;
    expect(dep.breaker.state).toBe('open');
    // 4. Two calls rejected by the open breaker; one is answered from the cache.
    await settle(dep.execute(() => 'never'));
    await expect(cache.get('k', () => dep.execute(() => 'never'))).resolves.toMatchObject({
      fromCache: true,
    });
    // 5. One call over the bulkhead of another dependency.
    let release!: () => void;
    const slow = bulk.execute(() => new Promise<void>((r) => (release = r)));
    await settle(bulk.execute(() => undefined));
    release();
    await slow;
    jest.useRealTimers();

    const text = await httpGet(url);
    const dep1 = { service: 'metrics_dep' };
    expect(sample(text, 'circuit_breaker_state', dep1)).toBe(1);
    expect(sample(text, 'circuit_breaker_state', { service: 'metrics_bulk' })).toBe(0);
    // Admitted attempts: 1 (NOT_FOUND) + 2 (UNAVAILABLE, success) + 2 (hangs); the bulkhead's overflow was admitted too.
    expect(sample(text, 'circuit_breaker_calls_total', dep1)).toBe(5);
    expect(sample(text, 'circuit_breaker_calls_total', { service: 'metrics_bulk' })).toBe(2);
    expect(sample(text, 'circuit_breaker_failures_total', dep1)).toBe(3);
    expect(sample(text, 'circuit_breaker_rejections_total', dep1)).toBe(2);
    expect(sample(text, 'resilience_retries_total', dep1)).toBe(2);
    expect(sample(text, 'resilience_timeouts_total', dep1)).toBe(2);
    expect(sample(text, 'resilience_bulkhead_rejections_total', { service: 'metrics_bulk' })).toBe(
      1,
    );
    expect(
      sample(text, 'resilience_fallbacks_total', { service: 'metrics_dep', kind: 'cache' }),
    ).toBe(1);
    expect(text).not.toMatch(/_total_total/);
    // A dependency without failures still has its counters, at 0, for increase() rules.
    for (const name of [
      'circuit_breaker_failures_total',
      'circuit_breaker_rejections_total',
      'resilience_retry_budget_exhausted_total',
      'resilience_timeouts_total',
    ]) {
      expect(sample(text, name, { service: 'metrics_bulk' })).toBe(0);
    }

    // A reset through the registry shows on the gauge at the next scrape.
    registry.reset('metrics_dep');
    expect(sample(await httpGet(url), 'circuit_breaker_state', dep1)).toBe(0);
    dep.dispose();
    bulk.dispose();
  });
});
