import { messageHeaders } from './retry-headers';
import type { WorkItem, WorkOutcome } from './retry-consumers';
import { retryTopology, type RetryTopology } from './retry-topology';
import * as kit from '../testing/kafka-test-kit';
import { delay, eventually } from '../testing/kafka-test-kit';
import * as retryKit from '../testing/retry-spec-kit';
import { callOf, type HandledCall } from '../testing/retry-spec-kit';

jest.setTimeout(30_000);

const prefix = kit.uniqueTopicPrefix();

const kafka = kit.kafkaSpec('retry-deferral-spec');
const { publisher } = kafka;

beforeAll(() => kafka.start());
afterAll(() => kafka.stop());

/** A first-tier message whose first failure was at `failedAt` (due one tier delay later). */
function work(topology: RetryTopology, key: string, failedAt = Date.now()) {
  const originalTopic = `${prefix}work.tasks`;
  return retryKit.workMessage(topology, key, {
    failedAt,
    error: new Error('breaker open'),
    originalTopic,
  });
}

async function put(topology: RetryTopology, key: string, failedAt = Date.now()): Promise<number> {
  const { topic, message } = work(topology, key, failedAt);
  await publisher.publish(topic, [message]);
  return Number(message.headers![messageHeaders.dueAt]);
}

describe("the 'defer' outcome (tiers 1s,2s: deferral budget 3 s; one partition per topic)", () => {
  const topology = retryTopology({ name: 'defer', delays: '1s,2s', topicPrefix: prefix });
  const calls: HandledCall[] = [];
  const handle = async (item: WorkItem): Promise<WorkOutcome> => {
    const call = callOf(item);
    calls.push(call);
    const key = item.key ?? '';
    try {
      if (key.startsWith('twice') && item.metadata.deferrals < 2) {
        return { outcome: 'defer', delayMs: 300, reason: 'breaker open' };
      }
      if (key.startsWith('forever'))
        return { outcome: 'defer', delayMs: 400, reason: 'breaker open' };
      // The handler's own work (not a wait for an event): concurrency is measured against it.
      if (key.startsWith('slow') || key.startsWith('same')) await delay(400);
      return { outcome: 'done' };
    } finally {
      call.end = Date.now();
    }
  };

  const { recorder, metrics, ...bench } = retryKit.retryBench(kafka, {
    topology,
    groupIdPrefix: `${prefix}defer`,
    handle,
    concurrency: 4,
    // One partition: order within the partition is what the out-of-order and concurrency cases are about.
    partitions: 1,
  });
  beforeAll(() => bench.start());
  afterAll(() => bench.stop());

  it('puts a deferred item back on the SAME tier with the same attempt, never early, using no tier', async () => {
    await put(topology, 'twice-1', Date.now() - 1000);
    await eventually(() => calls.filter((c) => c.key === 'twice-1').length === 3, 10_000);
    const tries = calls.filter((c) => c.key === 'twice-1');
    expect(tries.map((c) => [c.tier, c.attempt, c.deferrals])).toEqual([
      ['1s', 1, 0],
      ['1s', 1, 1],
      ['1s', 1, 2],
    ]);
    for (const t of tries) expect(t.at).toBeGreaterThanOrEqual(t.dueAt);
    // Due ≥ 300 ms after the deferring call, handled within a second after that.
    expect(tries[1]!.dueAt - tries[0]!.at).toBeGreaterThanOrEqual(300);
    expect(tries[1]!.at - tries[1]!.dueAt).toBeLessThan(1000);

    const copies = recorder.on(topology.tiers[0]!.topic).filter((m) => m.key === 'twice-1');
    expect(copies.map((m) => m.headers[messageHeaders.deferrals] ?? '0')).toEqual(['0', '1', '2']);
    for (const copy of copies) {
      expect(copy.headers).toMatchObject({
        [messageHeaders.attempt]: '1',
        [messageHeaders.tier]: '1s',
        [messageHeaders.lastErrorMessage]: 'breaker open',
      });
    }
    // The third call's outcome counted: had it gone to the next tier, that publish came first (as 'retry').
    const outcomes = (outcome: string) =>
      metrics.counter('messaging_messages_total', { topic: topology.tiers[0]!.topic, outcome });
    await eventually(async () => (await outcomes('done')) === 1, 5000);
    expect(await outcomes('retry')).toBe(0);
    expect(recorder.on(topology.tiers[1]!.topic).some((m) => m.key === 'twice-1')).toBe(false);
    expect(await metrics.counter('messaging_deferrals_total')).toBeGreaterThanOrEqual(2);
    expect(await metrics.counter('messaging_retry_early_total')).toBe(0);
  });

  it('turns deferrals past the budget (sum of tier delays since the first failure) into retries, ending on the DLT', async () => {
    const failedAt = Date.now() - 1000;
    await put(topology, 'forever-1', failedAt);
    await eventually(
      () => recorder.on(topology.deadLetterTopic).some((m) => m.key === 'forever-1'),
      15_000,
    );
    const tries = calls.filter((c) => c.key === 'forever-1');
    for (const t of tries) expect(t.at).toBeGreaterThanOrEqual(t.dueAt);
    const onFirst = tries.filter((c) => c.tier === '1s');
    const onSecond = tries.filter((c) => c.tier === '2s');
    // Deferred on 1s until the budget (failedAt + 3 s) was spent, then one attempt on each later tier.
    expect(onFirst.length).toBeGreaterThanOrEqual(2);
    expect(onFirst.at(-1)!.at).toBeGreaterThanOrEqual(failedAt + 3000);
    expect(onFirst.slice(0, -1).every((c) => c.at < failedAt + 3000)).toBe(true);
    expect(onSecond).toHaveLength(1);
    expect(onSecond[0]!.attempt).toBe(2);
    const dead = recorder.on(topology.deadLetterTopic).find((m) => m.key === 'forever-1')!;
    expect(dead.headers).toMatchObject({
      [messageHeaders.attempt]: '3',
      [messageHeaders.deadLetterReason]: 'retries exhausted',
      [messageHeaders.lastErrorClass]:
        'DeferralBudgetExhaustedError:MESSAGING_DEFERRAL_BUDGET_EXHAUSTED',
    });
  });

  it('handles due items of one partition concurrently, one key at a time', async () => {
    const now = Date.now() - 1000;
    for (const key of ['slow-1', 'slow-2', 'slow-3', 'slow-4', 'same-1', 'same-1']) {
      await put(topology, key, now);
    }
    await eventually(
      () =>
        calls.filter((c) => c.key?.startsWith('slow') === true && c.end !== undefined).length ===
          4 && calls.filter((c) => c.key === 'same-1' && c.end !== undefined).length === 2,
      10_000,
    );
    const slow = calls.filter((c) => c.key?.startsWith('slow') === true);
    const span = Math.max(...slow.map((c) => c.end!)) - Math.min(...slow.map((c) => c.at));
    // Four 400 ms handlers one after the other would take 1.6 s.
    expect(span).toBeLessThan(1200);
    const [first, second] = calls.filter((c) => c.key === 'same-1');
    expect(second!.at).toBeGreaterThanOrEqual(first!.end!);
  });

  it('handles due items and their deferred copies behind a not-yet-due one in the partition on time', async () => {
    const head = work(topology, 'late-head', Date.now() + 15_000);
    const quick = work(topology, 'twice-behind', Date.now() - 1000);
    // One send: both sit in the same partition, the not-due one first.
    await publisher.publish(head.topic, [head.message, quick.message]);
    await eventually(() => calls.filter((c) => c.key === 'twice-behind').length === 3, 8000);
    for (const t of calls.filter((c) => c.key === 'twice-behind')) {
      expect(t.at).toBeGreaterThanOrEqual(t.dueAt);
      expect(t.at - t.dueAt).toBeLessThan(1000);
    }
    expect(calls.some((c) => c.key === 'late-head')).toBe(false);
  });
});
