// Each service reads its config before telemetry starts (telemetry.ts), so config.ts must not load a library
// that telemetry instruments: loaded first, its calls would never be traced (found when a payment config
// import pulled in @grpc/grpc-js and the checkout trace lost every payment span). Runs the built dist.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { storeServices } from '@gaara/launcher';
import { INSTRUMENTED_PACKAGES } from '@gaara/telemetry';
import { root } from './harness';

const apps = storeServices.filter((s) => s.root.startsWith('apps/'));

test.each(apps.map((s) => [s.name, s.root] as const))(
  "%s's config module loads no instrumented library",
  (_name, appRoot) => {
    const script = `
      require(${JSON.stringify(join(root, appRoot, 'dist/config.js'))});
      const names = ${JSON.stringify(INSTRUMENTED_PACKAGES)};
      const paths = Object.keys(require.cache);
      console.log(JSON.stringify(names.filter((n) => paths.some((p) => p.includes('/node_modules/' + n + '/')))));`;
    const result = spawnSync(process.execPath, ['-e', script], {
      cwd: root,
      encoding: 'utf8',
      timeout: 20_000,
    });
    expect(result.stderr).toBe('');
    expect(JSON.parse(result.stdout) as string[]).toEqual([]);
  },
);
