import { healthV1, testingV1 } from '@gaara/contracts';
import { createClient } from './client/create-client';
import { NotFoundError, UnavailableError } from './errors/grpc-service-error';
import { startGrpcServer, type GrpcServer } from './server/start-grpc-server';
import { echoImplementation, newProbe } from './testing/echo-fixture';

const { SERVING, NOT_SERVING } = healthV1.HealthCheckResponse_ServingStatus;
const echoName = testingV1.EchoService.typeName;

function startEchoServer(probe = newProbe(), shutdownTimeoutMs?: number): Promise<GrpcServer> {
  return startGrpcServer({
    services: [{ service: testingV1.EchoService, implementation: echoImplementation(() => probe) }],
    handleSignals: false,
    shutdownTimeoutMs,
  });
}

describe('grpc.health.v1', () => {
  let server: GrpcServer;
  let health: ReturnType<typeof createClient<typeof healthV1.Health>>;

  beforeEach(async () => {
    server = await startEchoServer();
    health = createClient(healthV1.Health, `127.0.0.1:${server.port}`);
  });

  afterEach(async () => {
    health.close();
    await server.shutdown();
  });

  it('reports registered services and the server as SERVING, unknown ones as NOT_FOUND', async () => {
    await expect(health.check({ service: '' })).resolves.toMatchObject({ status: SERVING });
    await expect(health.check({ service: echoName })).resolves.toMatchObject({ status: SERVING });
    await expect(health.check({ service: 'nope.v1.Nope' })).rejects.toBeInstanceOf(NotFoundError);
  });

  it('answers NOT_SERVING after setStatus', async () => {
    server.health.setStatus(echoName, 'NOT_SERVING');
    await expect(health.check({ service: echoName })).resolves.toMatchObject({
      status: NOT_SERVING,
    });
    await expect(health.check({ service: '' })).resolves.toMatchObject({ status: SERVING });
  });

  it('streams status changes to Watch', async () => {
    const controller = new AbortController();
    const stream = health.watch(
      { service: echoName },
      { deadlineMs: Infinity, signal: controller.signal },
    );
    const watch = stream[Symbol.asyncIterator]();
    await expect(watch.next()).resolves.toMatchObject({ value: { status: SERVING } });
    server.health.setStatus(echoName, 'NOT_SERVING');
    await expect(watch.next()).resolves.toMatchObject({ value: { status: NOT_SERVING } });
    server.health.setStatus(echoName, 'SERVING');
    await expect(watch.next()).resolves.toMatchObject({ value: { status: SERVING } });
    await watch.return?.();
  });
});

describe('graceful shutdown', () => {
  it('drains a slow call, refuses new ones with UNAVAILABLE, then resolves', async () => {
    const probe = newProbe();
    const server = await startEchoServer(probe);
    const client = createClient(testingV1.EchoService, `127.0.0.1:${server.port}`);
    try {
      const slow = client.echo({ message: 'slow', delayMs: 150 });
      await probe.started.promise;
      const shutdown = server.shutdown();
      expect(server.health.getStatus('')).toBe('NOT_SERVING');
      await expect(client.echo({ message: 'late' })).rejects.toBeInstanceOf(UnavailableError);
      await expect(slow).resolves.toMatchObject({ message: 'slow' });
      await expect(shutdown).resolves.toBeUndefined();
      await expect(server.closed).resolves.toBeUndefined();
      expect(server.shutdown()).toBe(shutdown);
    } finally {
      client.close();
    }
  });

  it('ends open Watch streams so they do not hold shutdown up', async () => {
    const server = await startEchoServer(newProbe(), 5000);
    const health = createClient(healthV1.Health, `127.0.0.1:${server.port}`);
    try {
      const statuses: number[] = [];
      const watching = (async () => {
        for await (const response of health.watch({ service: '' }, { deadlineMs: Infinity }))
          statuses.push(response.status);
      })();
      while (statuses.length === 0) await new Promise((resolve) => setTimeout(resolve, 5));
      const started = Date.now();
      await server.shutdown();
      await watching;
      expect(Date.now() - started).toBeLessThan(1000);
      expect(statuses).toEqual([SERVING, NOT_SERVING]);
    } finally {
      health.close();
    }
  });

  it('cancels calls still running at the shutdown timeout', async () => {
    const probe = newProbe();
    const server = await startEchoServer(probe, 50);
    const client = createClient(testingV1.EchoService, `127.0.0.1:${server.port}`);
    try {
      const slow = client.echo({ message: 'slow', delayMs: 2000 }).catch((e: unknown) => e);
      await probe.started.promise;
      await server.shutdown();
      await expect(probe.aborted.promise).resolves.toBeDefined();
      expect(await slow).toMatchObject({ code: expect.stringMatching(/CANCELLED|UNAVAILABLE/) });
    } finally {
      client.close();
    }
  });

  it('shuts down on SIGTERM when handleSignals is on, and repeated signals are harmless', async () => {
    const server = await startGrpcServer({
      services: [
        { service: testingV1.EchoService, implementation: echoImplementation(() => newProbe()) },
      ],
    });
    process.emit('SIGTERM', 'SIGTERM');
    process.emit('SIGTERM', 'SIGTERM');
    await expect(server.closed).resolves.toBeUndefined();
    expect(server.health.getStatus('')).toBe('NOT_SERVING');
    expect(process.listenerCount('SIGTERM')).toBe(0);
  });
});
