// npm start's foreground process: starts and supervises the store's built processes, prints where they are,
// stops them on Ctrl-C.
import { randomBytes } from 'node:crypto';
import { stackEndpoints } from '@gaara/stack';
import { storeBanner } from './banner';
import { firstProductInStock } from './example-product';
import { launchStore, type RunningStore } from './launcher';

const env = process.env;
const stack = stackEndpoints(env);

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
        'all services stopped. The infrastructure (PostgreSQL, Kafka, Jaeger, Prometheus) is still up: npm run stack -- stop',
      );
      process.exit(0);
    });
  };
  process.on('SIGINT', () => shutdown('SIGINT'));
  process.on('SIGTERM', () => shutdown('SIGTERM'));

  // Locally the admin routes work out of the box; compose and production refuse them without a configured token.
  const configuredToken = env['GAARA_ADMIN_TOKEN'] ?? '';
  const adminToken = configuredToken || randomBytes(18).toString('base64url');
  const store = await launchStore({
    log,
    signal: abort.signal,
    pgUrl: stack.postgresUrl,
    supervise: true,
    // The stack's ports may be moved (GAARA_KAFKA_PORT, GAARA_JAEGER_OTLP_HTTP_PORT): the services follow.
    commonEnv: {
      GAARA_KAFKA_BROKERS: stack.kafkaBrokers.join(','),
      GAARA_OTLP_ENDPOINT: stack.jaegerOtlpHttpUrl,
    },
    env: { gateway: { GAARA_ADMIN_TOKEN: adminToken } },
  });
  running.store = store;
  const productId = await firstProductInStock(store.gatewayUrl);
  console.log(
    storeBanner({
      ports: store.ports,
      logDir: store.logDir,
      pgUrl: stack.postgresUrl,
      kafka: stack.kafkaBrokers.join(','),
      jaegerUrl: stack.jaegerQueryUrl,
      prometheusUrl: stack.prometheusUrl,
      adminToken,
      adminTokenGenerated: configuredToken === '',
      exampleProductId: productId ?? '<id of a product from /api/products>',
      idempotencyKey: `order-${store.runId}`,
    }),
  );
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
