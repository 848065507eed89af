import { breakerDependency, breakerStateHealth } from './breaker-health';

describe('breaker health', () => {
  it('maps closed, half-open, open and isolated', () => {
    expect(breakerStateHealth('closed')).toBe('healthy');
    expect(breakerStateHealth('half-open')).toBe('degraded');
    expect(breakerStateHealth('open')).toBe('unavailable');
    expect(breakerStateHealth('isolated')).toBe('unavailable');
  });

  it('names the entry and says since when it is open', () => {
    expect(breakerDependency({ name: 'catalog', state: 'closed' })).toEqual({
      name: 'breaker:catalog',
      kind: 'breaker',
      status: 'healthy',
      detail: '',
      breakerState: 'closed',
    });
    expect(
      breakerDependency({ name: 'catalog', state: 'open', lastTransitionAt: 0 }, 'gw:'),
    ).toMatchObject({
      name: 'gw:catalog',
      status: 'unavailable',
      detail: 'breaker open since 1970-01-01T00:00:00.000Z',
    });
  });
});
