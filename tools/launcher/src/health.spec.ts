import { createServer, type Server } from 'node:http';
import { startGrpcServer, type GrpcServer } from '@gaara/grpc';
import { grpcHealth, httpStatus, pollUntil } from './health';
import { freePort, freePorts } from './ports';

describe('readiness probes the launcher waits on', () => {
  let grpc: GrpcServer;
  let http: Server;
  let httpPort: number;

  beforeAll(async () => {
    grpc = await startGrpcServer({
      port: 0,
      handleSignals: false,
      shutdownTimeoutMs: 500,
      services: [],
    });
    http = createServer((req, res) => {
      res.statusCode = req.url === '/health' ? 200 : 503;
      res.end();
    });
    httpPort = await new Promise<number>((resolve) =>
      http.listen(0, '127.0.0.1', () => resolve((http.address() as { port: number }).port)),
    );
  });
  afterAll(async () => {
    await grpc.shutdown();
    await new Promise((resolve) => http.close(resolve));
  });

  it('reads a server SERVING, then NOT_SERVING after its health changes', async () => {
    const address = `127.0.0.1:${grpc.port}`;
    await expect(grpcHealth(address)).resolves.toBe('SERVING');
    grpc.health.setStatus('', 'NOT_SERVING');
    await expect(grpcHealth(address)).resolves.toBe('NOT_SERVING');
    grpc.health.setStatus('', 'SERVING');
  });

  it('reports UNREACHABLE and HTTP 0 where nothing listens', async () => {
    const port = await freePort();
    await expect(grpcHealth(`127.0.0.1:${port}`, 300)).resolves.toBe('UNREACHABLE');
    await expect(httpStatus(`http://127.0.0.1:${port}/health`, 300)).resolves.toBe(0);
  });

  it('reads HTTP statuses', async () => {
    await expect(httpStatus(`http://127.0.0.1:${httpPort}/health`)).resolves.toBe(200);
    await expect(httpStatus(`http://127.0.0.1:${httpPort}/other`)).resolves.toBe(503);
  });

  it('polls until the probe holds, and gives up after the bound', async () => {
    let calls = 0;
    await expect(pollUntil(() => Promise.resolve(++calls === 3), 1000, 5)).resolves.toBe(true);
    expect(calls).toBe(3);
    await expect(pollUntil(() => Promise.resolve(false), 50, 10)).resolves.toBe(false);
  });

  it('finds distinct free ports below the ephemeral range', async () => {
    const ports = await freePorts(5);
    expect(new Set(ports).size).toBe(5);
    for (const port of ports) {
      expect(port).toBeGreaterThanOrEqual(20_000);
      expect(port).toBeLessThan(32_000);
    }
  });
});
