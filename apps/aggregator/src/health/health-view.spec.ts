import { GrpcHealthChecker, healthCheckPolicy, type HealthCheckClient } from '@gaara/health';
import { BreakerRegistry } from '@gaara/resilience';
import { HealthView } from './health-view';
import type { DependencyProbe } from './dependency-probe';

/** A peer that accepts the Check and never answers, not even to its deadline. */
const hangingClient: HealthCheckClient = { check: () => new Promise(() => undefined) };

const hangingKafka: DependencyProbe = {
  probe: () => new Promise(() => undefined),
  late: (budgetMs) => [
    { name: 'kafka', kind: 'kafka', status: 'unavailable', detail: `late ${budgetMs}` },
  ],
};

describe('HealthView', () => {
  it('answers within its budget while a peer and a probe hang, reporting them as not answering', async () => {
    const view = new HealthView(
      [
        {
          breaker: 'catalog',
          // A check timeout far above the budget: only the view's budget bounds the round.
          checker: new GrpcHealthChecker({
            name: 'catalog',
            client: hangingClient,
            policy: healthCheckPolicy('catalog', 10_000),
          }),
        },
      ],
      new BreakerRegistry(),
      [hangingKafka],
      { budgetMs: 100 },
    );
    const started = performance.now();
    const report = await view.report();
    expect(performance.now() - started).toBeLessThan(1000);
    expect(report.overall).not.toBe('healthy');
    expect(report.dependencies).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          name: 'catalog',
          status: 'unavailable',
          detail: 'catalog health check took over 100 ms',
        }),
        expect.objectContaining({ name: 'kafka', status: 'unavailable', detail: 'late 100' }),
      ]),
    );
  });
});
