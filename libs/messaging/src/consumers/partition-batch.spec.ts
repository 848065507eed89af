import type { ConsumedMessage } from './consumed-message';
import {
  MessageProcessingError,
  runBatch,
  type BatchRun,
  type MessageStep,
} from './partition-batch';

function message(offset: number, key?: string): ConsumedMessage {
  return {
    topic: 't',
    partition: 0,
    offset: String(offset),
    key,
    value: '',
    headers: {},
    timestamp: '0',
  };
}

interface Harness {
  readonly resolved: string[];
  readonly remembered: string[];
  readonly run: BatchRun;
}

function harness(
  messages: readonly ConsumedMessage[],
  process: (m: ConsumedMessage) => Promise<MessageStep>,
  extra: Partial<BatchRun> = {},
): Harness {
  const resolved: string[] = [];
  const remembered: string[] = [];
  return {
    resolved,
    remembered,
    run: {
      messages,
      concurrency: 4,
      inlineWaitMs: 50,
      tickMs: 20,
      signal: new AbortController().signal,
      process,
      halted: () => false,
      wasProcessed: () => false,
      resolve: (offset) => resolved.push(offset),
      remember: (offset) => remembered.push(offset),
      tick: () => Promise.resolve(),
      sleep: (ms) => new Promise((resolve) => setTimeout(resolve, Math.max(0, ms))),
      ...extra,
    },
  };
}

const after = (ms: number, step: MessageStep = { kind: 'commit' }): Promise<MessageStep> =>
  new Promise((resolve) => setTimeout(() => resolve(step), ms));

describe('runBatch', () => {
  it('runs up to `concurrency` at once and resolves offsets in order only', async () => {
    let inFlight = 0;
    let most = 0;
    const h = harness(
      [0, 1, 2, 3, 4, 5].map((o) => message(o, `k${o}`)),
      async (m) => {
        inFlight++;
        most = Math.max(most, inFlight);
        // Later offsets finish first: resolving must still follow offset order.
        await after(60 - Number(m.offset) * 10);
        inFlight--;
        return { kind: 'commit' };
      },
    );
    await expect(runBatch(h.run)).resolves.toEqual({ kind: 'finished' });
    expect(most).toBe(4);
    expect(h.resolved).toEqual(['0', '1', '2', '3', '4', '5']);
  });

  it('never runs two messages of one key together, and keeps their order', async () => {
    const log: string[] = [];
    const h = harness([message(0, 'a'), message(1, 'a'), message(2, 'b')], async (m) => {
      log.push(`start ${m.offset}`);
      await after(20);
      log.push(`end ${m.offset}`);
      return { kind: 'commit' };
    });
    await runBatch(h.run);
    expect(log.indexOf('start 1')).toBeGreaterThan(log.indexOf('end 0'));
    expect(log.indexOf('start 2')).toBeLessThan(log.indexOf('end 0'));
  });

  it('skips a not-yet-due message, runs later due ones, and pauses until it is due without resolving past it', async () => {
    const dueLater = Date.now() + 10_000;
    const handled: string[] = [];
    const h = harness(
      [message(0, 'a'), message(1, 'b'), message(2, 'c')],
      (m) => {
        handled.push(m.offset);
        return Promise.resolve({ kind: 'commit' });
      },
      { notBefore: (m) => (m.offset === '1' ? dueLater : undefined) },
    );
    await expect(runBatch(h.run)).resolves.toEqual({ kind: 'pause', untilMs: dueLater });
    expect(handled).toEqual(['0', '2']);
    expect(h.resolved).toEqual(['0']);
    expect(h.remembered).toEqual(['2']);
  });

  it('does not process again what an earlier batch processed', async () => {
    const handled: string[] = [];
    const h = harness(
      [message(0), message(1)],
      (m) => {
        handled.push(m.offset);
        return Promise.resolve({ kind: 'commit' });
      },
      { wasProcessed: (offset) => offset === '1' },
    );
    await runBatch(h.run);
    expect(handled).toEqual(['0']);
    expect(h.resolved).toEqual(['0', '1']);
  });

  it('asks for a refetch when a follow-up it published is due before anything in the batch', async () => {
    const h = harness(
      [message(0, 'a'), message(1, 'b')],
      (m) =>
        Promise.resolve(
          m.offset === '0' ? { kind: 'commit', followUpAt: Date.now() + 10 } : { kind: 'commit' },
        ),
      { notBefore: (m) => (m.offset === '1' ? Date.now() + 10_000 : undefined) },
    );
    await expect(runBatch(h.run)).resolves.toEqual({ kind: 'refetch' });
  });

  it('waits for the others, resolves the processed prefix, then throws the failure', async () => {
    const h = harness([message(0, 'a'), message(1, 'b'), message(2, 'c')], async (m) => {
      if (m.offset === '1') throw new Error('publish failed');
      await after(30);
      return { kind: 'commit' };
    });
    await expect(runBatch(h.run)).rejects.toBeInstanceOf(MessageProcessingError);
    expect(h.resolved).toEqual(['0']);
    expect(h.remembered).toEqual(['2']);
  });

  it("stops everything after a 'wait' step (in-order semantics), sleeping short waits inline", async () => {
    let waited = false;
    const handled: string[] = [];
    const h = harness(
      [message(0), message(1)],
      (m) => {
        handled.push(m.offset);
        if (m.offset === '0' && !waited) {
          waited = true;
          return Promise.resolve({ kind: 'wait', untilMs: Date.now() + 30 });
        }
        return Promise.resolve({ kind: 'commit' });
      },
      { concurrency: 1 },
    );
    await expect(runBatch(h.run)).resolves.toEqual({ kind: 'finished' });
    expect(handled).toEqual(['0', '0', '1']);
  });
});
