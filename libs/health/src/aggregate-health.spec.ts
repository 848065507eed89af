import { buildHealthReport, overallHealth, worstOf } from './aggregate-health';
import type { DependencyReport } from './health-model';

const entry = (
  name: string,
  status: DependencyReport['status'],
  kind: DependencyReport['kind'] = 'service',
): DependencyReport => ({ name, kind, status, detail: '' });

describe('aggregation rules', () => {
  it('is healthy only when every dependency is healthy', () => {
    expect(overallHealth([])).toBe('healthy');
    expect(overallHealth([entry('a', 'healthy'), entry('b', 'healthy')])).toBe('healthy');
    expect(overallHealth([entry('a', 'healthy'), entry('b', 'degraded')])).toBe('degraded');
    expect(overallHealth([entry('a', 'unavailable')])).toBe('degraded');
  });

  it('takes the worst status', () => {
    expect(worstOf([])).toBe('healthy');
    expect(worstOf(['healthy', 'degraded', 'healthy'])).toBe('degraded');
    expect(worstOf(['degraded', 'unavailable', 'healthy'])).toBe('unavailable');
  });

  it('sorts entries by kind then name and stamps the time', () => {
    const report = buildHealthReport(
      [
        entry('breaker:invoice', 'healthy', 'breaker'),
        entry('invoice', 'healthy'),
        entry('catalog.database', 'unavailable', 'database'),
        entry('catalog', 'degraded'),
        entry('breaker:catalog', 'healthy', 'breaker'),
      ],
      42,
    );
    expect(report.dependencies.map((d) => d.name)).toEqual([
      'catalog',
      'invoice',
      'catalog.database',
      'breaker:catalog',
      'breaker:invoice',
    ]);
    expect(report).toMatchObject({ overall: 'degraded', checkedAt: 42 });
  });

  it('refuses two entries with one name', () => {
    expect(() => buildHealthReport([entry('a', 'healthy'), entry('a', 'healthy')])).toThrow(
      RangeError,
    );
  });
});
