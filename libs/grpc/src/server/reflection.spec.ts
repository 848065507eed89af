import { timestampFromMs } from '@bufbuild/protobuf/wkt';
import { catalogV1, testingV1 } from '@gaara/contracts';
import { echoImplementation, newProbe } from '../testing/echo-fixture';
import { callThroughReflection } from '../testing/reflected-call';
import { ReflectionClient } from '../testing/reflection-client';
import { startGrpcServer, type GrpcServer } from './start-grpc-server';
import { withUnimplemented } from './unimplemented';

describe('server reflection, asked over real gRPC as grpcurl asks', () => {
  let server: GrpcServer;
  let reflection: ReflectionClient;
  let address: string;

  beforeAll(async () => {
    server = await startGrpcServer({
      port: 0,
      handleSignals: false,
      shutdownTimeoutMs: 50,
      services: [
        { service: testingV1.EchoService, implementation: echoImplementation(() => newProbe()) },
        {
          service: catalogV1.CatalogService,
          implementation: withUnimplemented(catalogV1.CatalogService, {
            listProducts: () => ({ products: [{ id: 'p-1', createdAt: timestampFromMs(0) }] }),
          }),
        },
      ],
    });
    address = `127.0.0.1:${server.port}`;
    reflection = new ReflectionClient(address);
  });

  afterAll(async () => {
    reflection.close();
    await server.shutdown();
  });

  it('lists every served service and health, nothing else', async () => {
    expect((await reflection.listServices()).sort()).toEqual([
      'gaara.catalog.v1.CatalogService',
      'gaara.testing.v1.EchoService',
      'grpc.health.v1.Health',
    ]);
  });

  it("answers a service's file with its methods", async () => {
    const files = await reflection.fileContainingSymbol('gaara.testing.v1.EchoService');
    const own = files.find((file) => file.name === 'gaara/testing/v1/echo.proto');
    expect(own?.service[0]?.method.map((method) => method.name)).toEqual(['Echo', 'CountUp']);
  });

  it('is enough to call a method knowing nothing but its name (JSON in, JSON out)', async () => {
    await expect(
      callThroughReflection(address, 'gaara.testing.v1.EchoService', 'Echo', { message: 'hi' }),
    ).resolves.toEqual({ message: 'hi' });
  });

  it('answers the imported files too: a well-known type reads back as JSON', async () => {
    const files = await reflection.fileContainingSymbol('gaara.catalog.v1.CatalogService');
    expect(files.map((file) => file.name).sort()).toEqual([
      'gaara/catalog/v1/catalog.proto',
      'google/protobuf/timestamp.proto',
    ]);
    await expect(
      callThroughReflection(address, 'gaara.catalog.v1.CatalogService', 'ListProducts', {
        page_size: 1,
      }),
    ).resolves.toMatchObject({ products: [{ id: 'p-1', createdAt: '1970-01-01T00:00:00Z' }] });
  });

  it('refuses an unknown symbol with NOT_FOUND, as grpcurl shows it', async () => {
    await expect(reflection.fileContainingSymbol('gaara.nope.v1.Nope')).rejects.toThrow(
      /reflection refused: 5 /,
    );
  });
});
