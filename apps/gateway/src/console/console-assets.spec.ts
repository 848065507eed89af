import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConsoleAssets } from './console-assets';
import { consolePage } from './console-page';

describe('ConsoleAssets', () => {
  const dir = mkdtempSync(join(tmpdir(), 'console-assets-'));
  writeFileSync(join(dir, 'console.js'), 'void 0;');
  writeFileSync(join(dir, 'console.css'), 'body{}');
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const assets = new ConsoleAssets(dir);

  it('reads built assets with their content type', async () => {
    await expect(assets.read('console.js')).resolves.toEqual({
      body: Buffer.from('void 0;'),
      contentType: 'text/javascript; charset=utf-8',
    });
    expect((await assets.read('console.css'))?.contentType).toBe('text/css; charset=utf-8');
  });

  it('names nothing outside its directory, nor other kinds of files, nor what is not built', async () => {
    for (const name of [
      '../console-assets.ts',
      '..%2Fx.js',
      '.hidden.js',
      'console.html',
      'nope.js',
    ]) {
      await expect(assets.read(name)).resolves.toBeUndefined();
    }
  });
});

describe('consolePage', () => {
  it('has every panel and loads the bundle from /console/assets', () => {
    for (const id of ['dashboard', 'breakers', 'queues', 'alerts', 'plots', 'traces']) {
      expect(consolePage).toContain(`id="panel-${id}"`);
    }
    expect(consolePage).toContain('<script src="/console/assets/console.js"></script>');
  });
});
