import { serviceDependencies } from './service-health';

describe('service health', () => {
  it('SERVING: service and database healthy, breaker state carried', () => {
    expect(serviceDependencies('catalog', { reachable: true, serving: true }, 'closed')).toEqual([
      { name: 'catalog', kind: 'service', status: 'healthy', detail: '', breakerState: 'closed' },
      { name: 'catalog.database', kind: 'database', status: 'healthy', detail: '' },
    ]);
  });

  it('NOT_SERVING: the service answers but its database is down', () => {
    const [service, database] = serviceDependencies('catalog', { reachable: true, serving: false });
    expect(service).toMatchObject({ status: 'degraded' });
    expect(database).toMatchObject({ status: 'unavailable', kind: 'database' });
    expect(service).not.toHaveProperty('breakerState');
  });

  it('unreachable: service unavailable, database unknown (degraded, not claimed down)', () => {
    const [service, database] = serviceDependencies('invoice', {
      reachable: false,
      reason: 'invoice unreachable',
    });
    expect(service).toMatchObject({ status: 'unavailable', detail: 'invoice unreachable' });
    expect(database).toMatchObject({
      status: 'degraded',
      detail: 'unknown: invoice does not answer',
    });
  });
});
