import { failureDetail } from './failure-detail';

describe('failureDetail', () => {
  it.each([
    [{ code: 'CIRCUIT_OPEN' }, 'catalog breaker open'],
    [{ code: 'RESILIENCE_TIMEOUT' }, 'catalog timed out'],
    [{ code: 'DEADLINE_EXCEEDED' }, 'catalog timed out'],
    [{ code: 'UNAVAILABLE' }, 'catalog unreachable'],
    [{ code: 'BULKHEAD_FULL' }, 'catalog overloaded'],
    [new Error('password=hunter2 at db.internal:5432'), 'catalog failed'],
    [null, 'catalog failed'],
  ])('%p → %s, never the message', (error, detail) => {
    expect(failureDetail('catalog', error)).toBe(detail);
  });
});
