import { metrics, type Meter } from '@opentelemetry/api';

/**
 * Meter from the process's meter provider, for libraries that have no Telemetry handle
 * (e.g. `getMeter('@gaara/resilience')`). Call it after startTelemetry: a meter taken earlier stays a no-op.
 */
export function getMeter(name: string, version?: string): Meter {
  return metrics.getMeter(name, version);
}
