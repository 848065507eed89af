// Bundles the console's front end (web/main.ts, its CSS and uPlot) into dist/console-web for the gateway to serve.
import { build } from 'esbuild';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const outdir = join(here, '..', '..', 'dist', 'console-web');

await build({
  entryPoints: { console: join(here, 'web', 'main.ts') },
  bundle: true,
  minify: true,
  sourcemap: true,
  format: 'iife',
  target: ['chrome120', 'firefox120', 'safari17'],
  outdir,
  logLevel: 'warning',
});
console.log(`console bundled into ${outdir}`);
