import { CircuitIsolatedError } from '../errors/circuit-open-error';
import { createPolicy } from '../policy/create-policy';
import { unavailable } from '../testing/fake-errors';
import { BreakerRegistry, UnknownBreakerError } from './breaker-registry';

describe('BreakerRegistry', () => {
  beforeEach(() => jest.useFakeTimers({ now: 1_700_000_000_000 }));
  afterEach(() => jest.useRealTimers());

  it('lists every breaker with state, window counts, last transition time and cause', async () => {
    const registry = new BreakerRegistry();
    const catalog = createPolicy(
      'catalog',
      { breaker: { minimumCalls: 2 }, retry: { maxAttempts: 1 } },
      { registry },
    );
    createPolicy('invoice', {}, { registry });
    await catalog.execute(() => 'ok');
    await expect(catalog.execute(() => Promise.reject(unavailable()))).rejects.toThrow();
    expect(registry.get('catalog').state).toBe('closed'); // 1 of 2 failed: 50 % is not above 50 %
    await expect(catalog.execute(() => Promise.reject(unavailable()))).rejects.toThrow();
    expect(registry.get('catalog')).toEqual({
      name: 'catalog',
      state: 'open',
      successes: 1,
      failures: 2,
      lastTransitionAt: 1_700_000_000_000,
      lastTransitionCause: 'failure rate 0.67 over 3 calls exceeded the threshold',
    });
    expect(registry.list().map((b) => `${b.name}:${b.state}`)).toEqual([
      'catalog:open',
      'invoice:closed',
    ]);
    expect(() => registry.get('nope')).toThrow(UnknownBreakerError);
  });

  it('isolate forces a breaker open until reset; reset closes and clears it', async () => {
    const registry = new BreakerRegistry();
    const payment = createPolicy('payment', {}, { registry });
    const dep = jest.fn(() => 'charged');

    jest.setSystemTime(1_700_000_001_000);
    expect(registry.isolate('payment', 'provider maintenance')).toMatchObject({
      state: 'isolated',
      lastTransitionAt: 1_700_000_001_000,
      lastTransitionCause: 'provider maintenance',
    });
    await expect(payment.execute(dep)).rejects.toBeInstanceOf(CircuitIsolatedError);
    // Isolation does not lapse with the open duration.
    jest.advanceTimersByTime(10 * 60_000);
    await expect(payment.execute(dep)).rejects.toBeInstanceOf(CircuitIsolatedError);
    expect(dep).not.toHaveBeenCalled();

    expect(registry.reset('payment')).toMatchObject({
      state: 'closed',
      successes: 0,
      failures: 0,
      lastTransitionCause: 'reset manually',
    });
    await expect(payment.execute(dep)).resolves.toBe('charged');
  });
});
