// With GAARA_ENV=production no service may fall back to a default secret: the built service refuses to start,
// naming each missing variable, before it opens a port (issue #12). Runs the built dist.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { root } from './harness';

/** Each service with secrets, and the variables it must be given in production. */
const secretsOf: readonly (readonly [string, readonly string[]])[] = [
  ['gateway', ['GAARA_ADMIN_TOKEN', 'GAARA_EXTERNAL_API_TOKEN', 'GAARA_CUSTOMER_TOKEN_SECRET']],
  ['payment', ['GAARA_PAYMENT_PROVIDER_KEY']],
];

test.each(secretsOf)(
  '%s refuses to start in production without its secrets, naming them',
  (service, secrets) => {
    const env: NodeJS.ProcessEnv = { ...process.env, GAARA_ENV: 'production' };
    for (const name of secrets) delete env[name];
    const result = spawnSync(process.execPath, [join(root, 'apps', service, 'dist/main.js')], {
      cwd: root,
      env,
      encoding: 'utf8',
      timeout: 20_000,
    });
    expect(result.status).toBe(1);
    for (const name of secrets) {
      expect(result.stderr).toContain(
        `${name}: expected a secret of its own (GAARA_ENV=production has no default), but it is not set`,
      );
    }
  },
);
