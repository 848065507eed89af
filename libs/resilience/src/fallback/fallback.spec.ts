import { CircuitOpenError } from '../errors/circuit-open-error';
import { notFound, unavailable } from '../testing/fake-errors';
import { ResponseCache } from './response-cache';
import { degrade } from './section';
import { StaleWhileRevalidate } from './stale-while-revalidate';

describe('ResponseCache', () => {
  let now = 0;
  const cache = () =>
    new ResponseCache<string, string>({ name: 'external_api', ttlMs: 1000, now: () => now });
  beforeEach(() => (now = 10_000));

  it('serves the last good value marked fromCache when the dependency fails, within the TTL', async () => {
    const c = cache();
    await expect(c.get('k', () => 'v1')).resolves.toEqual({
      value: 'v1',
      fromCache: false,
      cachedAt: 10_000,
    });
    now += 1000;
    await expect(
      c.get('k', () => Promise.reject(new CircuitOpenError('external_api'))),
    ).resolves.toEqual({
      value: 'v1',
      fromCache: true,
      cachedAt: 10_000,
    });
    now += 1;
    await expect(c.get('k', () => Promise.reject(unavailable()))).rejects.toMatchObject({
      code: 'UNAVAILABLE',
    });
  });

  it('rethrows when there is no copy, and never hides a NOT_FOUND behind one', async () => {
    const c = cache();
    await expect(c.get('k', () => Promise.reject(unavailable()))).rejects.toMatchObject({
      code: 'UNAVAILABLE',
    });
    await c.get('k', () => 'v1');
    await expect(c.get('k', () => Promise.reject(notFound()))).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
  });

  it('section(): ok, stale from cache, unavailable', async () => {
    const c = cache();
    await expect(c.section('k', () => 'v')).resolves.toEqual({
      status: 'ok',
      data: 'v',
      updatedAt: 10_000,
    });
    now += 10;
    await expect(c.section('k', () => Promise.reject(unavailable()))).resolves.toEqual({
      status: 'stale',
      data: 'v',
      updatedAt: 10_000,
    });
    await expect(c.section('other', () => Promise.reject(unavailable()))).resolves.toEqual({
      status: 'unavailable',
      data: null,
      updatedAt: null,
    });
  });
});

describe('StaleWhileRevalidate', () => {
  let now = 0;
  const swr = () =>
    new StaleWhileRevalidate<string, string>({
      name: 'catalog',
      freshMs: 100,
      staleMs: 1000,
      now: () => now,
    });
  beforeEach(() => (now = 50_000));

  it('concurrent callers of a missing key share one load', async () => {
    const s = swr();
    let release!: (v: string) => void;
    const load = jest.fn(() => new Promise<string>((r) => (release = r)));
    const callers = Array.from({ length: 10 }, () => s.get('k', load));
    await Promise.resolve();
    release('v1');
    const results = await Promise.all(callers);
    expect(load).toHaveBeenCalledTimes(1);
    expect(results.every((r) => r.value === 'v1' && r.status === 'fresh')).toBe(true);
  });

  it('serves fresh values without loading', async () => {
    const s = swr();
    await s.get('k', () => 'v1');
    now += 100;
    const load = jest.fn(() => 'v2');
    await expect(s.get('k', load)).resolves.toMatchObject({ value: 'v1', status: 'fresh' });
    expect(load).not.toHaveBeenCalled();
  });

  it('within the stale window answers at once with the stale value while exactly one refresh runs', async () => {
    const s = swr();
    await s.get('k', () => 'v1');
    now += 500;
    let release!: (v: string) => void;
    const load = jest.fn(() => new Promise<string>((r) => (release = r)));
    const answers = await Promise.all(Array.from({ length: 20 }, () => s.get('k', load)));
    expect(
      answers.every((a) => a.value === 'v1' && a.status === 'stale' && a.updatedAt === 50_000),
    ).toBe(true);
    await Promise.resolve();
    expect(load).toHaveBeenCalledTimes(1);
    release('v2');
    await new Promise(process.nextTick);
    await expect(s.get('k', load)).resolves.toEqual({
      value: 'v2',
      status: 'fresh',
      updatedAt: 50_500,
    });
    expect(load).toHaveBeenCalledTimes(1);
  });

  it('keeps serving stale when the background refresh fails', async () => {
    const s = swr();
    await s.get('k', () => 'v1');
    now += 500;
    await expect(s.get('k', () => Promise.reject(unavailable()))).resolves.toMatchObject({
      value: 'v1',
      status: 'stale',
    });
    await new Promise(process.nextTick);
    await expect(s.get('k', () => Promise.reject(unavailable()))).resolves.toMatchObject({
      value: 'v1',
      status: 'stale',
    });
  });

  it('past the stale window waits for a load and, if it fails, degrades', async () => {
    const s = swr();
    await s.get('k', () => 'v1');
    now += 1101;
    await expect(s.get('k', () => Promise.reject(unavailable()))).rejects.toMatchObject({
      code: 'UNAVAILABLE',
    });
    await expect(s.section('k', () => Promise.reject(unavailable()))).resolves.toEqual({
      status: 'unavailable',
      data: null,
      updatedAt: null,
    });
    await expect(s.section('k', () => 'v2')).resolves.toEqual({
      status: 'ok',
      data: 'v2',
      updatedAt: 51_101,
    });
  });

  it('a load that throws synchronously does not wedge the key', async () => {
    const s = swr();
    const boom = (): string => {
      throw new Error('sync');
    };
    await expect(s.get('k', boom)).rejects.toThrow('sync');
    await expect(s.get('k', () => 'ok')).resolves.toMatchObject({ value: 'ok' });
  });
});

describe('degrade', () => {
  it('never throws: ok with data, or unavailable with the fallback', async () => {
    await expect(degrade(() => [1, 2], { now: () => 7 })).resolves.toEqual({
      status: 'ok',
      data: [1, 2],
      updatedAt: 7,
    });
    const onDegraded = jest.fn(() => {
      throw new Error('hook bug');
    });
    await expect(
      degrade<number[]>(() => Promise.reject(new CircuitOpenError('invoice')), {
        fallback: [],
        onDegraded,
      }),
    ).resolves.toEqual({ status: 'unavailable', data: [], updatedAt: null });
    expect(onDegraded).toHaveBeenCalledTimes(1);
  });
});
