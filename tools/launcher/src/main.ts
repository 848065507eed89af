// npm start's foreground process: starts the store's built processes, prints where they are, stops them on Ctrl-C.
import { launchStore, type RunningStore } from './launcher';

const jaegerUrl = `http://127.0.0.1:${process.env['GAARA_JAEGER_QUERY_PORT'] ?? 16686}`;

async function main(): Promise<void> {
  const log = (line: string): void => console.log(`[launcher] ${line}`);
  // Filled once the store is up; a signal during start-up stops what has started so far.
  const running: { store?: RunningStore } = {};
  const abort = new AbortController();
  let stopping = false;
  const shutdown = (signal: string): void => {
    if (stopping) return;
    stopping = true;
    log(`${signal}: stopping every service`);
    // Bounded: stopAll SIGKILLs what has not exited 5 s after SIGTERM.
    setTimeout(() => process.exit(1), 15_000).unref();
    // Still starting: the abort makes launchStore stop what it started, and main's catch exits.
    if (running.store === undefined) return abort.abort();
    void running.store.stopAll().then(() => {
      log(
        'all services stopped. The infrastructure (PostgreSQL, Kafka, Jaeger) is still up: npm run stack -- stop',
      );
      process.exit(0);
    });
  };
  process.on('SIGINT', () => shutdown('SIGINT'));
  process.on('SIGTERM', () => shutdown('SIGTERM'));

  const store = await launchStore({ log, signal: abort.signal });
  running.store = store;
  const gw = store.gatewayUrl;
  console.log(`
The store is up (logs in ${store.logDir}).
  Gateway:       ${gw}
  Jaeger UI:     ${jaegerUrl}
  Sandbox:       ${store.sandboxUrl}/_control   (fault controls of the external data API)
Try:
  curl ${gw}/api/products?pageSize=3
  curl ${gw}/api/dashboard
  curl ${gw}/health
  curl -X POST ${gw}/api/orders -H 'content-type: application/json' \\
    -d '{"customerId":"c-1","customerEmail":"ada@example.com","items":[{"productId":"<id from /api/products>","quantity":1}]}'
Ctrl-C stops every service (the infrastructure stays up: npm run stack -- stop).`);
}

main().catch((error: unknown) => {
  if (error instanceof Error && error.message.startsWith('start-up aborted')) {
    console.log('[launcher] stopped during start-up; every started service was stopped');
    process.exit(0);
  }
  console.error(
    '[launcher] the store did not start:',
    error instanceof Error ? error.message : error,
  );
  process.exit(1);
});
