import { catalogV1, healthV1 } from '@gaara/contracts';
import {
  createClient,
  startGrpcServer,
  UnavailableError,
  withUnimplemented,
  type GrpcServer,
} from '@gaara/grpc';
import {
  GrpcHealthChecker,
  HEALTH_CHECK_BREAKER_OPEN_MS,
  healthCheckPolicy,
  type HealthCheckClient,
} from './grpc-health-checker';

const catalogName = catalogV1.CatalogService.typeName;

describe('GrpcHealthChecker', () => {
  let server: GrpcServer;
  let client: ReturnType<typeof createClient<typeof healthV1.Health>>;
  let checker: GrpcHealthChecker;

  beforeEach(async () => {
    server = await startGrpcServer({
      services: [
        {
          service: catalogV1.CatalogService,
          implementation: withUnimplemented(catalogV1.CatalogService, {}),
        },
      ],
      handleSignals: false,
      shutdownTimeoutMs: 100,
    });
    client = createClient(healthV1.Health, `127.0.0.1:${server.port}`);
    checker = new GrpcHealthChecker({
      name: 'catalog',
      client,
      policy: healthCheckPolicy('catalog', 500),
      services: ['', catalogName, 'not.registered.Service'],
    });
  });

  afterEach(async () => {
    client.close();
    await server.shutdown();
  });

  it('reports serving when every known name is SERVING (unknown names ignored)', async () => {
    await expect(checker.probe()).resolves.toEqual({ reachable: true, serving: true });
  });

  it('reports NOT_SERVING of the service name (its database is down)', async () => {
    server.health.setStatus(catalogName, 'NOT_SERVING');
    await expect(checker.probe()).resolves.toEqual({ reachable: true, serving: false });
  });

  it('reports an unreachable server with a sanitized reason', async () => {
    await server.shutdown();
    await expect(checker.probe()).resolves.toEqual({
      reachable: false,
      reason: 'catalog unreachable',
    });
  });

  it('sees a service that came back within about a second, however often it was checked while down', async () => {
    let down = true;
    const flaky: HealthCheckClient = {
      check: (request, options) =>
        down
          ? Promise.reject(new UnavailableError('connect refused'))
          : client.check(request, options),
    };
    const checking = new GrpcHealthChecker({
      name: 'catalog',
      client: flaky,
      policy: healthCheckPolicy('catalog', 500),
    });
    // Far more checks than the breaker needs to open (its window's minimum is 10 calls).
    for (let i = 0; i < 30; i++) expect((await checking.probe()).reachable).toBe(false);
    down = false;
    const backAt = Date.now();
    while (!(await checking.probe()).reachable) {
      expect(Date.now() - backAt).toBeLessThan(HEALTH_CHECK_BREAKER_OPEN_MS + 1000);
      await new Promise((resolve) => setTimeout(resolve, 50)); // the poll's pace, not a wait for an event
    }
  });
});
