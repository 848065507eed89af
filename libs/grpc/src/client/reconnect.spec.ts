import { healthV1, testingV1 } from '@gaara/contracts';
import { startGrpcServer, type GrpcServer } from '../server/start-grpc-server';
import { echoImplementation, newProbe } from '../testing/echo-fixture';
import { createClient } from './create-client';

function startEchoServer(port: number): Promise<GrpcServer> {
  return startGrpcServer({
    services: [
      { service: testingV1.EchoService, implementation: echoImplementation(() => newProbe()) },
    ],
    handleSignals: false,
    port,
  });
}

// A peer that was down for 20 s: grpc-js's default backoff (1 s × 1.6 per failure, up to 120 s) would wait
// seconds more after the peer is back; the channel defaults must reconnect within half a second.
jest.setTimeout(40_000);

describe('a client channel to a restarted peer', () => {
  it('reaches the peer within a second of its return, however long it was down', async () => {
    const first = await startEchoServer(0);
    const port = first.port;
    const client = createClient(healthV1.Health, `127.0.0.1:${port}`);
    try {
      await client.check({ service: '' });
      await first.shutdown();
      const downUntil = Date.now() + 20_000;
      while (Date.now() < downUntil) {
        await expect(client.check({ service: '' }, { deadlineMs: 500 })).rejects.toThrow();
        await new Promise((resolve) => setTimeout(resolve, 50)); // calls while down: the pace of a poller
      }
      const second = await startEchoServer(port);
      try {
        const backAt = Date.now();
        for (;;) {
          const answered = await client.check({ service: '' }, { deadlineMs: 500 }).then(
            () => true,
            () => false,
          );
          if (answered) break;
          expect(Date.now() - backAt).toBeLessThan(1000);
          await new Promise((resolve) => setTimeout(resolve, 50));
        }
        expect(Date.now() - backAt).toBeLessThan(1000);
      } finally {
        await second.shutdown();
      }
    } finally {
      client.close();
    }
  });
});
