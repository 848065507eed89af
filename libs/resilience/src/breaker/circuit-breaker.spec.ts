import { CircuitIsolatedError, CircuitOpenError } from '../errors/circuit-open-error';
import { classifyGrpcError } from '../classify/grpc';
import { notFound, unavailable } from '../testing/fake-errors';
import { CircuitBreaker, type BreakerTransition } from './circuit-breaker';

function breaker(
  overrides: Partial<{ threshold: number; minimumCalls: number; halfOpenProbes: number }> = {},
) {
  const listenerErrors: unknown[] = [];
  const b = new CircuitBreaker('dep', {
    threshold: 0.5,
    windowMs: 10_000,
    minimumCalls: 10,
    openMs: 60_000,
    halfOpenProbes: 1,
    classify: classifyGrpcError,
    onListenerError: (e) => listenerErrors.push(e),
    ...overrides,
  });
  const transitions: BreakerTransition[] = [];
  b.onStateChange.on((t) => transitions.push(t));
  return { b, transitions, listenerErrors };
}

const ok = (): Promise<string> => Promise.resolve('ok');
const fail = (): Promise<never> => Promise.reject(unavailable());

async function run(b: CircuitBreaker, fn: () => Promise<unknown>): Promise<unknown> {
  try {
    return await b.execute(fn);
  } catch (error: unknown) {
    return error;
  }
}

describe('CircuitBreaker (failure rate)', () => {
  beforeEach(() => jest.useFakeTimers({ now: 1_000_000 }));
  afterEach(() => jest.useRealTimers());

  // The spec's test_circuit_breaker_opens_on_failures, in its intended form: a rate over a minimum of calls.
  it('opens when the failure rate passes the threshold, and not before the minimum number of calls', async () => {
    const { b } = breaker({ threshold: 0.5, minimumCalls: 10 });
    for (let i = 0; i < 9; i++) await run(b, fail);
    expect(b.state).toBe('closed'); // 9 failures, 100 %, but below the minimum of 10 calls
    await run(b, fail);
    expect(b.state).toBe('open');
  });

  it('counts successes: 5 failures in 10 calls is not above 50 %, the 6th failure of 11 is', async () => {
    const { b } = breaker({ threshold: 0.5, minimumCalls: 10 });
    for (let i = 0; i < 5; i++) await run(b, ok);
    for (let i = 0; i < 5; i++) await run(b, fail);
    expect(b.state).toBe('closed');
    expect(b.counts).toEqual({ successes: 5, failures: 5 });
    await run(b, fail);
    expect(b.state).toBe('open');
  });

  it('forgets failures older than the window', async () => {
    const { b } = breaker({ minimumCalls: 10 });
    for (let i = 0; i < 9; i++) await run(b, fail);
    jest.advanceTimersByTime(11_000);
    await run(b, fail);
    expect(b.state).toBe('closed');
    expect(b.counts.failures).toBe(1);
  });

  it('does not count caller errors (NOT_FOUND) as failures', async () => {
    const { b } = breaker({ minimumCalls: 2 });
    for (let i = 0; i < 20; i++) await run(b, () => Promise.reject(notFound()));
    expect(b.state).toBe('closed');
    expect(b.counts.failures).toBe(0);
  });

  it('rejects at once while open, without calling the operation', async () => {
    const { b } = breaker({ minimumCalls: 1 });
    await run(b, fail);
    const op = jest.fn(ok);
    await expect(b.execute(op)).rejects.toBeInstanceOf(CircuitOpenError);
    expect(op).not.toHaveBeenCalled();
  });

  // The spec's test_circuit_breaker_half_open_after_timeout, corrected: the probe decides.
  it('after the open duration admits a probe; a successful probe closes', async () => {
    const { b, transitions } = breaker({ minimumCalls: 1 });
    await run(b, fail);
    jest.advanceTimersByTime(59_999);
    await expect(b.execute(ok)).rejects.toBeInstanceOf(CircuitOpenError);
    jest.advanceTimersByTime(1);
    let release!: (v: string) => void;
    const probe = b.execute(() => new Promise<string>((r) => (release = r)));
    expect(b.state).toBe('half-open');
    release('fine');
    await expect(probe).resolves.toBe('fine');
    expect(b.state).toBe('closed');
    expect(transitions.map((t) => `${t.from}>${t.to}`)).toEqual([
      'closed>open',
      'open>half-open',
      'half-open>closed',
    ]);
    expect(transitions[1].cause).toBe('open duration elapsed');
    expect(transitions[2].cause).toBe('probes succeeded');
  });

  it('a failed probe opens the breaker again for another open duration', async () => {
    const { b, transitions } = breaker({ minimumCalls: 1 });
    await run(b, fail);
    jest.advanceTimersByTime(60_000);
    await run(b, fail);
    expect(b.state).toBe('open');
    expect(transitions.at(-1)?.cause).toMatch(/^probe failed: FakeGrpcError\(UNAVAILABLE\)/);
    jest.advanceTimersByTime(59_000);
    await expect(b.execute(ok)).rejects.toBeInstanceOf(CircuitOpenError);
  });

  it('in half-open, calls beyond the probe fail fast instead of waiting for it', async () => {
    const { b } = breaker({ minimumCalls: 1 });
    await run(b, fail);
    jest.advanceTimersByTime(60_000);
    let release!: (v: string) => void;
    const probe = b.execute(() => new Promise<string>((r) => (release = r)));
    const other = jest.fn(ok);
    await expect(b.execute(other)).rejects.toBeInstanceOf(CircuitOpenError);
    expect(other).not.toHaveBeenCalled();
    release('done');
    await probe;
    expect(b.state).toBe('closed');
  });

  it('needs every one of several probes to succeed to close', async () => {
    const { b } = breaker({ minimumCalls: 1, halfOpenProbes: 2 });
    await run(b, fail);
    jest.advanceTimersByTime(60_000);
    await run(b, ok);
    expect(b.state).toBe('half-open');
    await run(b, ok);
    expect(b.state).toBe('closed');
  });

  it('isolate holds it open until reset; reset also closes an automatically opened breaker', async () => {
    const { b, transitions } = breaker({ minimumCalls: 1 });
    b.isolate();
    await expect(b.execute(ok)).rejects.toBeInstanceOf(CircuitIsolatedError);
    b.reset();
    expect(b.state).toBe('closed');
    await run(b, fail);
    expect(b.state).toBe('open');
    b.reset();
    expect(b.state).toBe('closed');
    expect(b.counts).toEqual({ successes: 0, failures: 0 });
    expect(transitions.map((t) => `${t.to}:${t.cause}`)).toEqual([
      'isolated:isolated manually',
      'closed:reset manually',
      'open:failure rate 1.00 over 1 calls exceeded the threshold',
      'closed:reset manually',
    ]);
  });

  it('a throwing state listener never breaks a call', async () => {
    const { b, listenerErrors } = breaker({ minimumCalls: 1 });
    b.onStateChange.on(() => {
      throw new Error('listener bug');
    });
    await expect(b.execute(fail)).rejects.toMatchObject({ code: 'UNAVAILABLE' });
    expect(b.state).toBe('open');
    expect(listenerErrors).toHaveLength(1);
  });
});
