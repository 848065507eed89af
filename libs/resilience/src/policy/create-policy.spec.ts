import { BreakerRegistry } from '../registry/breaker-registry';
import { BulkheadFullError } from '../errors/bulkhead-full-error';
import { CircuitOpenError } from '../errors/circuit-open-error';
import { PolicyTimeoutError } from '../errors/policy-timeout-error';
import type { ResilienceLogger } from '../logger';
import { FakeGrpcError, notFound, unavailable } from '../testing/fake-errors';
import { createPolicy } from './create-policy';
import type { PolicyOverrides } from './policy-config';
import type { PolicyEvent } from './policy-events';

function recordingLogger(): ResilienceLogger & {
  lines: Array<{ level: string; obj: object; msg: string }>;
} {
  const lines: Array<{ level: string; obj: object; msg: string }> = [];
  return {
    lines,
    info: (obj, msg) => lines.push({ level: 'info', obj, msg }),
    warn: (obj, msg) => lines.push({ level: 'warn', obj, msg }),
    error: (obj, msg) => lines.push({ level: 'error', obj, msg }),
  };
}

function policy(overrides: PolicyOverrides = {}) {
  const logger = recordingLogger();
  const registry = new BreakerRegistry();
  const p = createPolicy('dep', overrides, { logger, registry, random: () => 0.5 });
  const events: PolicyEvent[] = [];
  p.events.on((e) => events.push(e));
  return { p, logger, registry, events };
}

/** A fake dependency: counts calls, answers from a script. */
function dependency(answer: (call: number) => Promise<string>) {
  let calls = 0;
  const fn = jest.fn(() => answer(++calls));
  return fn;
}

async function settle<T>(promise: Promise<T>): Promise<T | unknown> {
  try {
    return await promise;
  } catch (error: unknown) {
    return error;
  }
}

describe('createPolicy', () => {
  beforeEach(() => jest.useFakeTimers({ now: 1_000_000 }));
  afterEach(() => jest.useRealTimers());

  it('makes at most 3 attempts in total, with exponential backoff between them', async () => {
    const { p, events } = policy({ retry: { initialDelayMs: 100, maxDelayMs: 1000 } });
    const dep = dependency(() => Promise.reject(unavailable()));
    const result = settle(p.execute(dep));
    await jest.advanceTimersByTimeAsync(10_000);
    expect(await result).toMatchObject({ code: 'UNAVAILABLE' });
    expect(dep).toHaveBeenCalledTimes(3);
    // equal jitter with random 0.5: 75 % of 100 ms, then of 200 ms
    expect(
      events.filter((e) => e.type === 'retry').map((e) => e.type === 'retry' && e.delayMs),
    ).toEqual([75, 150]);
  });

  it('retries transient errors until success', async () => {
    const { p } = policy();
    const dep = dependency((n) => (n < 3 ? Promise.reject(unavailable()) : Promise.resolve('ok')));
    const result = p.execute(dep);
    await jest.advanceTimersByTimeAsync(10_000);
    await expect(result).resolves.toBe('ok');
  });

  it('never retries caller errors or non-retryable failures', async () => {
    const { p } = policy();
    const notFoundDep = dependency(() => Promise.reject(notFound()));
    await expect(p.execute(notFoundDep)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect(notFoundDep).toHaveBeenCalledTimes(1);
    const internal = dependency(() => Promise.reject(new FakeGrpcError('INTERNAL')));
    await expect(p.execute(internal)).rejects.toMatchObject({ code: 'INTERNAL' });
    expect(internal).toHaveBeenCalledTimes(1);
  });

  it('an open breaker rejects at once: dependency untouched, no retry, no backoff wait', async () => {
    const { p } = policy({ breaker: { minimumCalls: 1 } }); // retries enabled: 3 attempts
    const opening = settle(p.execute(() => Promise.reject(unavailable())));
    await jest.advanceTimersByTimeAsync(10_000);
    await opening;
    expect(p.breaker.state).toBe('open');
    const dep = jest.fn(() => Promise.resolve('never'));
    const started = Date.now();
    await expect(p.execute(dep)).rejects.toBeInstanceOf(CircuitOpenError);
    expect(dep).not.toHaveBeenCalled();
    expect(Date.now() - started).toBe(0); // resolved without advancing the fake clock
  });

  it('stops retrying the moment the breaker opens mid-retry', async () => {
    const { p, events } = policy({ breaker: { minimumCalls: 1 } });
    const dep = dependency(() => Promise.reject(unavailable()));
    const result = settle(p.execute(dep));
    await jest.advanceTimersByTimeAsync(10_000);
    expect(await result).toBeInstanceOf(CircuitOpenError);
    expect(dep).toHaveBeenCalledTimes(1); // first failure opened the breaker; the retry was rejected at once
    expect(events.filter((e) => e.type === 'retry')).toHaveLength(1);
  });

  it('a timeout cancels the underlying call and counts as a breaker failure', async () => {
    const { p, events } = policy({
      timeoutMs: 50,
      retry: { maxAttempts: 1 },
      breaker: { minimumCalls: 1 },
    });
    const aborted: unknown[] = [];
    const result = settle(
      p.execute(
        ({ signal }) =>
          new Promise<string>((_, reject) => {
            signal.addEventListener('abort', () => {
              aborted.push(signal.reason);
              reject(new Error('client saw abort'));
            });
          }),
      ),
    );
    await jest.advanceTimersByTimeAsync(50);
    expect(await result).toBeInstanceOf(PolicyTimeoutError);
    expect(aborted).toHaveLength(1);
    expect(aborted[0]).toBeInstanceOf(PolicyTimeoutError);
    expect(p.breaker.state).toBe('open');
    expect(events.map((e) => e.type)).toEqual(['timeout', 'failure', 'state-change']);
  });

  it('rejects beyond the bulkhead queue, and a rejection is not a dependency failure', async () => {
    const { p, events } = policy({
      bulkhead: { limit: 2, queue: 1 },
      breaker: { minimumCalls: 1 },
    });
    const releases: Array<() => void> = [];
    const slow = () => new Promise<string>((r) => releases.push(() => r('ok')));
    const running = [p.execute(slow), p.execute(slow), p.execute(slow)];
    await expect(p.execute(slow)).rejects.toBeInstanceOf(BulkheadFullError);
    expect(p.breaker.state).toBe('closed');
    expect(p.breaker.counts.failures).toBe(0);
    expect(events.map((e) => e.type)).toEqual(['bulkhead-rejected']);
    releases.splice(0).forEach((r) => r());
    await jest.advanceTimersByTimeAsync(0);
    releases.splice(0).forEach((r) => r());
    await expect(Promise.all(running)).resolves.toEqual(['ok', 'ok', 'ok']);
  });

  it('the retry budget caps amplification at 1.1x during a full outage', async () => {
    // Breaker kept closed (huge minimum) to observe the budget alone; 1000 calls over 10 s.
    const { p } = policy({
      breaker: { minimumCalls: 1_000_000 },
      retry: {
        initialDelayMs: 1,
        maxDelayMs: 4,
        budgetRatio: 0.1,
        budgetMinRetries: 3,
        budgetWindowMs: 10_000,
      },
    });
    const dep = dependency(() => Promise.reject(unavailable()));
    const calls: Array<Promise<unknown>> = [];
    for (let i = 0; i < 1000; i++) {
      calls.push(settle(p.execute(dep)));
      await jest.advanceTimersByTimeAsync(10);
    }
    await jest.advanceTimersByTimeAsync(1000);
    await Promise.all(calls);
    // Without the budget: 3000 attempts. With it: at most 1000 + 10 % + floor.
    expect(dep.mock.calls.length).toBeLessThanOrEqual(1103);
    expect(dep.mock.calls.length / 1000).toBeLessThanOrEqual(1.11);
    expect(dep.mock.calls.length).toBeGreaterThan(1000); // the budget still lets some retries through
  });

  it('with breaker and budget together, an outage reaches the dependency less than 1.1x', async () => {
    const { p } = policy({ breaker: { minimumCalls: 20, openMs: 1000 } });
    const dep = dependency(() => Promise.reject(unavailable()));
    const calls: Array<Promise<unknown>> = [];
    for (let i = 0; i < 500; i++) {
      calls.push(settle(p.execute(dep)));
      await jest.advanceTimersByTimeAsync(20);
    }
    await jest.advanceTimersByTimeAsync(10_000);
    await Promise.all(calls);
    expect(dep.mock.calls.length).toBeLessThan(110); // 500 calls offered, the breaker shields most
  });

  it('does not retry once the caller’s signal aborted, and cancels the backoff wait', async () => {
    const { p } = policy({ retry: { initialDelayMs: 1000 } });
    const caller = new AbortController();
    const dep = dependency(() => Promise.reject(unavailable()));
    const result = settle(p.execute(dep, caller.signal));
    await jest.advanceTimersByTimeAsync(1);
    caller.abort(new Error('caller gone'));
    expect(await result).toMatchObject({ message: 'caller gone' });
    expect(dep).toHaveBeenCalledTimes(1);
  });

  it('logs each state change once, and throwing listeners never break a call', async () => {
    const { p, logger } = policy({
      breaker: { minimumCalls: 1, openMs: 1000 },
      retry: { maxAttempts: 1 },
    });
    p.events.on(() => {
      throw new Error('hook bug');
    });
    await expect(p.execute(() => Promise.reject(unavailable()))).rejects.toMatchObject({
      code: 'UNAVAILABLE',
    });
    await expect(p.execute(() => 'x')).rejects.toBeInstanceOf(CircuitOpenError);
    jest.advanceTimersByTime(1000);
    await expect(p.execute(() => 'back')).resolves.toBe('back');
    const stateLogs = logger.lines.filter((l) => l.msg.startsWith('circuit breaker'));
    expect(stateLogs.map((l) => `${l.level} ${l.msg}`)).toEqual([
      'warn circuit breaker dep open',
      'info circuit breaker dep half-open',
      'info circuit breaker dep closed',
    ]);
    expect(logger.lines.filter((l) => l.level === 'error').length).toBeGreaterThan(0);
  });

  it('joins its registry under its name and rejects a duplicate', () => {
    const registry = new BreakerRegistry();
    const first = createPolicy('catalog', {}, { registry });
    expect(registry.names()).toEqual(['catalog']);
    expect(() => createPolicy('catalog', {}, { registry })).toThrow(/already registered/);
    first.dispose();
    expect(registry.names()).toEqual([]);
  });

  it('layers typed overrides over the defaults, whatever its name, and validates them', () => {
    const payment = createPolicy('payment', { breaker: { threshold: 0.3 } }, { registry: false });
    expect(payment.config.breaker.threshold).toBe(0.3);
    expect(payment.config.breaker.openMs).toBe(60_000);
    expect(payment.config.retry.maxAttempts).toBe(3);
    expect(() => createPolicy('x', { retry: { maxAttempts: 0 } }, { registry: false })).toThrow(
      /maxAttempts/,
    );
    expect(() => createPolicy('x', { breaker: { threshold: 1 } }, { registry: false })).toThrow(
      /threshold/,
    );
  });
});
