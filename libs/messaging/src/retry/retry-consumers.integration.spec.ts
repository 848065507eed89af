import type { OutgoingMessage, Publisher } from '../kafka/publisher';
import { messageHeaders } from './retry-headers';
import {
  startRetryConsumers,
  type RetryConsumers,
  type WorkItem,
  type WorkOutcome,
} from './retry-consumers';
import { retryTopology, type RetryTopology } from './retry-topology';
import * as kit from '../testing/kafka-test-kit';
import { eventually } from '../testing/kafka-test-kit';
import * as retryKit from '../testing/retry-spec-kit';
import { callOf, WORK_TYPE as TYPE, type HandledCall } from '../testing/retry-spec-kit';
import { testMeter } from '../testing/test-metrics';

jest.setTimeout(30_000);

const prefix = kit.uniqueTopicPrefix();

const kafka = kit.kafkaSpec('retry-consumers-spec');
const { client, publisher } = kafka;

beforeAll(() => kafka.start());
afterAll(() => kafka.stop());

/** A first-tier message whose first failure (a provider timeout) was at `now`. */
function workMessage(topology: RetryTopology, key: string, now = Date.now()) {
  const error = Object.assign(new Error('provider timeout'), { code: 'ETIMEDOUT' });
  return retryKit.workMessage(topology, key, {
    failedAt: now,
    error,
    originalTopic: `${prefix}work.tasks`,
  });
}

async function put(message: { topic: string; message: OutgoingMessage }): Promise<void> {
  await publisher.publish(message.topic, [message.message]);
}

describe('retry consumers on a shared 1s,2s topology', () => {
  const topology = retryTopology({ name: 'work', delays: '1s,2s', topicPrefix: prefix });
  const calls: HandledCall[] = [];
  const handle = (item: WorkItem): Promise<WorkOutcome> => {
    calls.push(callOf(item));
    if (item.key?.startsWith('fail') === true)
      throw new Error(`still failing on ${item.tier.label}`);
    if (item.key?.startsWith('dead') === true) {
      return Promise.resolve({ outcome: 'dead', reason: 'card declined' });
    }
    return Promise.resolve({ outcome: 'done' });
  };

  const groupIdPrefix = `${prefix}work`;
  const { recorder, metrics, ...bench } = retryKit.retryBench(kafka, {
    topology,
    groupIdPrefix,
    handle,
  });
  beforeAll(() => bench.start());
  afterAll(() => bench.stop());

  it('handles a message at its due time, never before, and within a second after', async () => {
    const message = workMessage(topology, 'ok-1');
    const dueAt = Number(message.message.headers![messageHeaders.dueAt]);
    await put(message);

    await eventually(() => calls.some((c) => c.key === 'ok-1'), 8000);
    const call = calls.find((c) => c.key === 'ok-1')!;
    expect(call.dueAt).toBe(dueAt);
    expect(call.at).toBeGreaterThanOrEqual(dueAt);
    expect(call.at - dueAt).toBeLessThan(1000);
    expect(await metrics.counter('messaging_retry_early_total')).toBe(0);
    const lateness = await metrics.histogram('messaging_retry_lateness_ms');
    expect(lateness.length).toBeGreaterThan(0);
    expect(lateness.every((point) => (point.value.max ?? 0) < 1000)).toBe(true);
  });

  it('moves a failing item tier by tier to the dead-letter topic with every header set', async () => {
    const started = Date.now();
    await put(workMessage(topology, 'fail-1', started));

    await eventually(
      () => recorder.on(topology.deadLetterTopic).some((m) => m.key === 'fail-1'),
      10_000,
    );
    const tries = calls.filter((c) => c.key === 'fail-1');
    expect(tries.map((c) => [c.tier, c.attempt])).toEqual([
      ['1s', 1],
      ['2s', 2],
    ]);
    for (const attempt of tries) expect(attempt.at).toBeGreaterThanOrEqual(attempt.dueAt);
    // The second tier's due time counts from the first tier's failure.
    expect(tries[1]!.dueAt - tries[0]!.at).toBeGreaterThanOrEqual(2000);

    const secondTier = recorder.on(topology.tiers[1]!.topic).find((m) => m.key === 'fail-1')!;
    expect(secondTier.headers).toMatchObject({
      [messageHeaders.attempt]: '2',
      [messageHeaders.tier]: '2s',
      [messageHeaders.lastErrorClass]: 'Error',
      [messageHeaders.lastErrorMessage]: 'still failing on 1s',
      [messageHeaders.originalTopic]: `${prefix}work.tasks`,
      [messageHeaders.firstFailureAt]: new Date(started).toISOString(),
    });

    const dead = recorder.on(topology.deadLetterTopic).find((m) => m.key === 'fail-1')!;
    expect(dead.value).toBe(JSON.stringify({ key: 'fail-1' }));
    expect(dead.headers).toMatchObject({
      [messageHeaders.type]: TYPE,
      [messageHeaders.attempt]: '3',
      [messageHeaders.originalTopic]: `${prefix}work.tasks`,
      [messageHeaders.firstFailureAt]: new Date(started).toISOString(),
      [messageHeaders.lastErrorClass]: 'Error',
      [messageHeaders.lastErrorMessage]: 'still failing on 2s',
      [messageHeaders.tier]: '2s',
      [messageHeaders.deadLetterReason]: 'retries exhausted',
    });
    expect(Date.parse(dead.headers[messageHeaders.deadLetteredAt]!)).toBeGreaterThanOrEqual(
      started,
    );
    expect(
      await metrics.counter('messaging_dead_letters_total', { reason: 'retries exhausted' }),
    ).toBe(1);
  });

  it('dead-letters poison at once with the reason, and a "dead" outcome at once', async () => {
    const due = workMessage(topology, 'ok-poison', Date.now() + 60_000);
    const headers = { ...due.message.headers! };
    const withoutType = { ...headers };
    delete withoutType[messageHeaders.type];
    const sentAt = Date.now();
    await publisher.publish(due.topic, [
      { key: 'poison-no-type', value: 'x', headers: withoutType },
      { key: 'poison-unknown', value: 'x', headers: { ...headers, [messageHeaders.type]: 'nope' } },
      { key: 'poison-due', value: 'x', headers: { ...headers, [messageHeaders.dueAt]: 'soon' } },
    ]);
    await put(workMessage(topology, 'dead-1', Date.now() - 1000));

    const reasons = new Map<string, string>();
    await eventually(() => {
      for (const m of recorder.on(topology.deadLetterTopic)) {
        reasons.set(m.key!, m.headers[messageHeaders.deadLetterReason]!);
      }
      return ['poison-no-type', 'poison-unknown', 'poison-due', 'dead-1'].every((k) =>
        reasons.has(k),
      );
    }, 5000);
    expect(Date.now() - sentAt).toBeLessThan(5000);
    expect(reasons.get('poison-no-type')).toBe('poison: missing header gaara-type');
    expect(reasons.get('poison-unknown')).toBe('poison: unknown type nope');
    expect(reasons.get('poison-due')).toBe('poison: missing or malformed header gaara-due-at');
    expect(reasons.get('dead-1')).toBe('card declined');
    expect(calls.filter((c) => c.key?.startsWith('poison') === true)).toEqual([]);
    expect(calls.filter((c) => c.key === 'dead-1')).toHaveLength(1);
  });
});

describe('retry consumers across stop, restart and rebalance', () => {
  const topology = retryTopology({ name: 'handover', delays: '1s', topicPrefix: prefix });
  const groupIdPrefix = `${prefix}handover`;
  const calls: HandledCall[] = [];
  const running: RetryConsumers[] = [];

  const start = async (): Promise<RetryConsumers> => {
    const consumers = await startRetryConsumers({
      client,
      topology,
      publisher,
      groupIdPrefix,
      types: [TYPE],
      sessionTimeoutMs: 6000,
      handle: (item) => {
        calls.push(callOf(item));
        return Promise.resolve({ outcome: 'done' });
      },
    });
    running.push(consumers);
    return consumers;
  };

  beforeAll(() => kafka.topics(topology.topics));

  afterEach(async () => {
    await Promise.all(running.splice(0).map((consumers) => consumers.stop()));
  });

  /** Work item `key` in partition 0, with a due-now item behind it in the same send (`behind`). */
  const putInPartition0 = async (
    key: string,
    failedAt: number,
    behind: string,
  ): Promise<number> => {
    const message = workMessage(topology, key, failedAt);
    const next = workMessage(topology, behind, Date.now() - 1000);
    await publisher.publish(message.topic, [
      { ...message.message, partition: 0 },
      { ...next.message, partition: 0 },
    ]);
    return Number(message.message.headers![messageHeaders.dueAt]);
  };

  /** Resolves once `key` was handled. */
  const handled = (key: string, timeoutMs: number): Promise<void> =>
    eventually(() => calls.some((c) => c.key === key), timeoutMs);

  /**
   * Waits up to `timeoutMs` for `key` (in partition 0) to be handled, then for a later due item of partition 0 to
   * be handled: a member re-reading the partition starts its calls in offset order, so a duplicate of `key`
   * would have been recorded by then. Then: handled once, never early.
   */
  const handledOnceOnTime = async (
    key: string,
    dueAt: number,
    timeoutMs: number,
  ): Promise<void> => {
    await handled(key, timeoutMs);
    const later = workMessage(topology, `${key}-later`, Date.now() - 1000);
    await publisher.publish(later.topic, [{ ...later.message, partition: 0 }]);
    await handled(`${key}-later`, timeoutMs);
    const handledCalls = calls.filter((c) => c.key === key);
    expect(handledCalls).toHaveLength(1);
    expect(handledCalls[0]!.at).toBeGreaterThanOrEqual(dueAt);
  };

  it('stops quickly during a long wait; a new member handles the message later, once', async () => {
    const first = await start();
    const dueAt = await putInPartition0('wait-stop', Date.now() + 3000, 'due-behind-stop'); // due in 4 s
    // The due item behind it handled: the waiting one was fetched in the same batch and waits now.
    await handled('due-behind-stop', 8000);

    const stopStarted = Date.now();
    await first.stop();
    expect(Date.now() - stopStarted).toBeLessThan(3000);
    expect(calls.filter((c) => c.key === 'wait-stop')).toEqual([]);

    await start();
    await handledOnceOnTime('wait-stop', dueAt, 8000);
  });

  it('handles a waiting message exactly once and not early when a second member joins', async () => {
    await start();
    const dueAt = await putInPartition0('wait-join', Date.now() + 2000, 'due-behind-join'); // due in 3 s
    // The due item behind it handled: the first member fetched the waiting one and waits on it.
    await handled('due-behind-join', 8000);
    await start();

    await handledOnceOnTime('wait-join', dueAt, 10_000);
  });
});

describe('retry consumers when publishing the next tier fails', () => {
  const topology = retryTopology({ name: 'flaky', delays: '1s,2s', topicPrefix: prefix });

  it('leaves the message uncommitted and handles it again until the publish succeeds', async () => {
    await kafka.topics(topology.topics);
    const calls: HandledCall[] = [];
    let failuresLeft = 2;
    const metrics = testMeter();
    const flakyPublisher: Publisher = {
      publish: async (topic, messages) => {
        if (topic === topology.tiers[1]!.topic && failuresLeft > 0) {
          failuresLeft -= 1;
          throw new Error('broker unavailable');
        }
        await publisher.publish(topic, messages);
      },
      disconnect: () => Promise.resolve(),
    };
    const consumers = await startRetryConsumers({
      client,
      topology,
      publisher: flakyPublisher,
      meter: metrics.meter,
      groupIdPrefix: `${prefix}flaky`,
      types: [TYPE],
      sessionTimeoutMs: 10_000,
      handle: (item) => {
        calls.push(callOf(item));
        return Promise.resolve(
          item.tier.label === '1s'
            ? { outcome: 'retry', error: new Error('try later') }
            : { outcome: 'done' },
        );
      },
    });
    try {
      await put(workMessage(topology, 'flaky-1', Date.now() - 1000));
      // Counted once its next-tier publish succeeded (then committed), and once the 2s tier was done with it.
      const counted = async (topic: string, outcome: string): Promise<number> =>
        metrics.counter('messaging_messages_total', { topic, outcome });
      await eventually(
        async () =>
          (await counted(topology.tiers[0]!.topic, 'retry')) === 1 &&
          (await counted(topology.tiers[1]!.topic, 'done')) === 1,
        15_000,
      );
      expect(calls.map((c) => c.tier)).toEqual(['1s', '1s', '1s', '2s']);
      expect(failuresLeft).toBe(0);
    } finally {
      await consumers.stop();
    }
  });
});
