import { readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { stackEndpoints } from './endpoints';
import { prometheusTargetsDir } from './prometheus-targets-dir';
import { pollUntil } from './testing/deadline';
import { runId } from './testing/run-id';

interface Targets {
  data: { activeTargets: { labels: Record<string, string>; health: string }[] };
}
interface Rules {
  data: { groups: { file: string; rules: { name: string }[] }[] };
}

describe('local Prometheus', () => {
  const { prometheusUrl } = stackEndpoints();
  const root = resolve(__dirname, '../../..');
  const api = async <T>(path: string): Promise<T> => {
    const response = await fetch(`${prometheusUrl}${path}`, { signal: AbortSignal.timeout(5_000) });
    expect(response.status).toBe(200);
    return (await response.json()) as T;
  };

  it('is ready and has loaded every rule file of infra/prometheus/rules', async () => {
    expect((await fetch(`${prometheusUrl}/-/ready`)).status).toBe(200);
    const rules = await api<Rules>('/api/v1/rules');
    const rulesDir = join(root, 'infra/prometheus/rules');
    expect(rules.data.groups.map((g) => g.file).sort()).toEqual(
      readdirSync(rulesDir)
        .filter((f) => f.endsWith('.yml'))
        .map((f) => join(rulesDir, f))
        .sort(),
    );
  });

  it('scrapes a target file dropped in the targets directory and forgets it once removed', async () => {
    const job = `stack-selftest-${runId()}`;
    const file = join(prometheusTargetsDir(root), `${job}.json`);
    // Prometheus's own /metrics stands in for a store process.
    const target = new URL(prometheusUrl).host;
    writeFileSync(file, JSON.stringify([{ targets: [target], labels: { job } }]));
    const health = async (): Promise<string | undefined> =>
      (await api<Targets>('/api/v1/targets')).data.activeTargets.find(
        (t) => t.labels['job'] === job,
      )?.health;
    try {
      await pollUntil(
        async () => ((await health()) === 'up' ? true : undefined),
        30_000,
        `${job} up`,
      );
    } finally {
      rmSync(file, { force: true });
    }
    await pollUntil(
      async () => ((await health()) === undefined ? true : undefined),
      30_000,
      `${job} dropped`,
    );
  }, 70_000);
});
