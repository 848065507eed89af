import type { DependencyReport } from '@gaara/health';
import { createMessagingClient, isKafkaReachable } from '@gaara/messaging';
import { BreakerRegistry } from '@gaara/resilience';
import { createServer, type Server, type Socket } from 'node:net';
import { HealthView } from './health-view';
import { KAFKA_CHECK_ABANDON_MS, KafkaProbe } from './kafka-probe';

/** A reachability check the spec answers by hand, counting its calls. */
function manualReachable(): {
  reachable: () => Promise<boolean>;
  calls: () => number;
  answer: (value: boolean) => Promise<void>;
} {
  const pending: Array<{ promise: Promise<boolean>; resolve: (value: boolean) => void }> = [];
  return {
    reachable: () => {
      let resolve: (value: boolean) => void = () => undefined;
      const promise = new Promise<boolean>((res) => (resolve = res));
      pending.push({ promise, resolve });
      return promise;
    },
    calls: () => pending.length,
    answer: async (value) => {
      pending[pending.length - 1]?.resolve(value);
      // Lets the probe's promise callbacks (a few hops behind this promise) run: no timer, only queued callbacks.
      await new Promise((resolve) => setImmediate(resolve));
    },
  };
}

const kafkaOf = (reports: readonly DependencyReport[]) => reports.find((r) => r.name === 'kafka');

describe('KafkaProbe', () => {
  it('reports the last answer at once, one check at a time, and unavailable once a check runs past its timeout', async () => {
    let now = 0;
    const check = manualReachable();
    const probe = new KafkaProbe({
      reachable: check.reachable,
      timeoutMs: 500,
      refreshMs: 1000,
      now: () => now,
    });
    const first = probe.probe();
    await check.answer(true);
    expect(kafkaOf(await first)).toMatchObject({ status: 'healthy', detail: '' });

    now = 1000; // due: a refresh starts and hangs (Kafka just went down)
    expect(kafkaOf(await probe.probe())?.status).toBe('healthy');
    now = 1499;
    expect(kafkaOf(await probe.probe())?.status).toBe('healthy');
    now = 1500;
    for (let i = 0; i < 50; i++, now += 100) {
      expect(kafkaOf(await probe.probe())).toMatchObject({
        status: 'unavailable',
        detail: 'kafka unreachable',
      });
    }
    expect(check.calls()).toBe(2);

    await check.answer(true); // the hung check ends: Kafka is back
    expect(kafkaOf(await probe.probe())?.status).toBe('healthy');
  });

  it('waits for the first answer at most its timeout', async () => {
    let now = 0;
    const check = manualReachable();
    const probe = new KafkaProbe({ reachable: check.reachable, timeoutMs: 50, now: () => now });
    const started = performance.now();
    const answer = await probe.probe();
    expect(performance.now() - started).toBeLessThan(1000);
    expect(kafkaOf(answer)).toMatchObject({ status: 'unavailable', detail: 'kafka unreachable' });
    now = 10_000;
    await probe.probe();
    expect(check.calls()).toBe(1); // still running: not started again
  });
});

/** A "broker" on loopback that accepts connections and never answers (a hung or shutting-down Kafka). */
async function startSilentBroker(): Promise<{
  address: string;
  connections: () => number;
  close(): Promise<void>;
}> {
  const sockets = new Set<Socket>();
  let accepted = 0;
  const server: Server = createServer((socket) => {
    accepted++;
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return {
    address: `127.0.0.1:${port}`,
    connections: () => accepted,
    close: async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** The health view of the aggregator's Kafka entry alone, wired as build-aggregator does (600 ms budget). */
function kafkaHealth(brokers: readonly string[]): HealthView {
  const client = createMessagingClient({ brokers, clientId: 'kafka-probe-spec' });
  const probe = new KafkaProbe({
    reachable: () => isKafkaReachable(client, KAFKA_CHECK_ABANDON_MS),
    timeoutMs: 500,
  });
  return new HealthView([], new BreakerRegistry(), [probe]);
}

/** `count` reports one after another: the slowest one's time in milliseconds and the last report's Kafka entry. */
async function reports(view: HealthView, count: number) {
  let slowestMs = 0;
  let last = await view.report();
  for (let i = 0; i < count; i++) {
    const started = performance.now();
    last = await view.report();
    slowestMs = Math.max(slowestMs, performance.now() - started);
  }
  return { slowestMs, kafka: kafkaOf(last.dependencies) };
}

describe('KafkaProbe against a dead broker (real kafkajs client)', () => {
  it('reports Kafka unavailable within a second while nothing listens at its address', async () => {
    // Port 1: nothing listens there, every connection is refused (kafkajs retries it for about 12 s).
    const { slowestMs, kafka } = await reports(kafkaHealth(['127.0.0.1:1']), 20);
    expect(slowestMs).toBeLessThan(1000);
    expect(kafka).toMatchObject({ status: 'unavailable', detail: 'kafka unreachable' });
  });

  it('connects once to a broker that never answers, not once per report, and answers within a second', async () => {
    const broker = await startSilentBroker();
    try {
      const { slowestMs, kafka } = await reports(kafkaHealth([broker.address]), 20);
      expect(slowestMs).toBeLessThan(1000);
      expect(kafka).toMatchObject({ status: 'unavailable', detail: 'kafka unreachable' });
      // A check per report opened a connection per report, each left hanging on the dead broker.
      expect(broker.connections()).toBe(1);
    } finally {
      await broker.close();
    }
  });
});
