import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { defaultPorts } from './launcher';
import { metricsPortOf } from './metrics-ports';
import { targetGroups, type ScrapeTarget } from './prometheus-targets';
import { serviceNames } from './store-services';

const root = resolve(__dirname, '../../..');

describe("compose's Prometheus targets", () => {
  it('list every process with /metrics by its compose name at its declared port', () => {
    // Compose names its containers after the processes, which listen on the default ports.
    const expected: ScrapeTarget[] = serviceNames.flatMap((name) => {
      const port = metricsPortOf(name, defaultPorts);
      return port === undefined ? [] : [{ process: name, address: `${name}:${port}` }];
    });
    const file = resolve(root, 'infra/prometheus/compose/targets.json');
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual(targetGroups(expected));
  });
});
