import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defaultPorts } from './launcher';
import { metricsPortOf } from './metrics-ports';
import {
  removeTargetsFile,
  targetGroups,
  targetsFile,
  writeTargetsFile,
  type TargetGroup,
} from './prometheus-targets';
import { serviceNames } from './store-services';

describe('Prometheus file_sd targets of a launched store', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'gaara-targets-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const read = (file: string): TargetGroup[] =>
    JSON.parse(readFileSync(file, 'utf8')) as TargetGroup[];

  it('scrapes every process with /metrics: the five services and the gateway, not the sandbox', () => {
    const ports = serviceNames.map((name) => [name, metricsPortOf(name, defaultPorts)]);
    expect(Object.fromEntries(ports)).toEqual({
      sandbox: undefined,
      catalog: 9461,
      invoice: 9462,
      payment: 9463,
      notification: 9464,
      aggregator: 9465,
      gateway: 8080,
    });
  });

  it('labels each target with its process as job and the run id', () => {
    writeTargetsFile(dir, 'run-1', [
      { process: 'catalog', address: '127.0.0.1:21001' },
      { process: 'gateway', address: '127.0.0.1:21002' },
    ]);
    const groups = read(targetsFile(dir, 'run-1'));
    expect(groups.map((g) => [g.targets, g.labels['job'], g.labels['run_id']])).toEqual([
      [['127.0.0.1:21001'], 'catalog', 'run-1'],
      [['127.0.0.1:21002'], 'gateway', 'run-1'],
    ]);
    // Only the finished file is left: nothing half-written matches Prometheus's *.json glob.
    expect(readdirSync(dir)).toEqual(['run-1.json']);
  });

  it('removes the run file, and a missing one is fine', () => {
    writeTargetsFile(dir, 'run-2', [{ process: 'invoice', address: '127.0.0.1:21003' }]);
    removeTargetsFile(dir, 'run-2');
    removeTargetsFile(dir, 'run-2');
    expect(existsSync(targetsFile(dir, 'run-2'))).toBe(false);
  });

  it("prunes files of launchers that died, keeps live ones' and files it cannot read", () => {
    const exited = spawnSync(process.execPath, ['-e', 'process.pid']).pid;
    const dead = targetGroups([{ process: 'payment', address: '127.0.0.1:21004' }], {
      __gaara_launcher_pid: String(exited),
    });
    writeFileSync(targetsFile(dir, 'dead-run'), JSON.stringify(dead));
    writeFileSync(targetsFile(dir, 'hand-written'), 'not json');
    writeTargetsFile(dir, 'live-run', [{ process: 'payment', address: '127.0.0.1:21005' }]);
    writeTargetsFile(dir, 'new-run', [{ process: 'payment', address: '127.0.0.1:21006' }]);
    expect(readdirSync(dir).sort()).toEqual(['hand-written.json', 'live-run.json', 'new-run.json']);
  });
});
