import { type aggregatorV1 } from '@gaara/contracts';
import type { ServiceImplementation } from '@gaara/grpc';
import { getDashboard, type DashboardSources } from './dashboard/dashboard';
import { healthReportMessage } from './health/health-report-message';
import type { HealthView } from './health/health-view';
import { watchHealth, type WatchTiming } from './health/watch-health';

/** AggregatorService over the dashboard's sources and the health view. */
export function aggregatorService(
  dashboard: DashboardSources,
  health: HealthView,
  watchTiming: WatchTiming,
): ServiceImplementation<typeof aggregatorV1.AggregatorService> {
  return {
    getDashboard: (request) => getDashboard(dashboard, request),
    getHealth: async () => ({ report: healthReportMessage(await health.report()) }),
    watchHealth: (_request, context) => watchHealth(health, watchTiming, context.signal),
  };
}
