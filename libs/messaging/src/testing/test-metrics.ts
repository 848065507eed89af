import {
  MeterProvider,
  MetricReader,
  type DataPoint,
  type Histogram,
  type MetricData,
} from '@opentelemetry/sdk-metrics';
import type { Meter } from '@opentelemetry/api';

/** A reader that collects on demand. */
class OnDemandReader extends MetricReader {
  protected override onShutdown(): Promise<void> {
    return Promise.resolve();
  }

  protected override onForceFlush(): Promise<void> {
    return Promise.resolve();
  }
}

/** A real SDK meter whose metrics a test can read back. */
export interface TestMeter {
  readonly meter: Meter;
  /** Sum of a counter's points, optionally only those whose attributes include `where`. */
  counter(name: string, where?: Record<string, string>): Promise<number>;
  /** Histogram points of `name`. */
  histogram(name: string): Promise<DataPoint<Histogram>[]>;
  /** Points of a counter as `[attribute value of `by`, value]`, sorted: which series exist, zeros included. */
  series(name: string, by: string): Promise<[unknown, number][]>;
}

export function testMeter(): TestMeter {
  const reader = new OnDemandReader();
  const provider = new MeterProvider({ readers: [reader] });
  const metric = async (name: string): Promise<MetricData | undefined> => {
    const { resourceMetrics } = await reader.collect();
    return resourceMetrics.scopeMetrics
      .flatMap((scope) => scope.metrics)
      .find((m) => m.descriptor.name === name);
  };
  return {
    meter: provider.getMeter('test'),
    counter: async (name, where = {}) => {
      const found = await metric(name);
      if (found === undefined) return 0;
      return (found.dataPoints as DataPoint<number>[])
        .filter((point) => Object.entries(where).every(([k, v]) => point.attributes[k] === v))
        .reduce((sum, point) => sum + point.value, 0);
    },
    histogram: async (name) => {
      const found = await metric(name);
      return found === undefined ? [] : (found.dataPoints as DataPoint<Histogram>[]);
    },
    series: async (name, by) => {
      const found = await metric(name);
      const points = (found?.dataPoints ?? []) as DataPoint<number>[];
      return points.map((p): [unknown, number] => [p.attributes[by], p.value]).sort();
    },
  };
}
