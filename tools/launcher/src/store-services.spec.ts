import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { serviceNames, storeProjects, storeServices } from './store-services';

const root = resolve(__dirname, '../../..');
const packageJson = (path: string): Record<string, unknown> =>
  JSON.parse(readFileSync(resolve(root, path, 'package.json'), 'utf8')) as Record<string, unknown>;

describe('the one list of what the store runs', () => {
  it.each(storeServices.map((s) => [s.name, s] as const))(
    '%s names the Nx project at its root',
    (_name, service) => {
      expect(packageJson(service.root)['name']).toBe(service.project);
    },
  );

  it('builds every launched service and the launcher', () => {
    expect(storeProjects()).toEqual([...storeServices.map((s) => s.project), '@gaara/launcher']);
    expect(serviceNames).toEqual(storeServices.map((s) => s.name));
  });

  it('is what the end-to-end project builds before it runs (package.json cannot import it: checked here)', () => {
    const nx = packageJson('apps/store-e2e')['nx'] as {
      implicitDependencies: string[];
      targets: { test: { dependsOn: Array<{ projects: string[] }> } };
    };
    const services = storeServices.map((s) => s.project).sort();
    expect([...nx.implicitDependencies].sort()).toEqual(services);
    expect([...nx.targets.test.dependsOn[0].projects].sort()).toEqual(services);
  });
});
