import { catalogV1, healthV1 } from '@gaara/contracts';
import { createClient, startGrpcServer, withUnimplemented, type GrpcServer } from '@gaara/grpc';
import { GrpcHealthChecker, healthCheckPolicy } from './grpc-health-checker';

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
});
