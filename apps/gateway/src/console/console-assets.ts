import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';

/** Where the gateway's build puts the console's bundle (dist/console-web beside this module's dist/console). */
export const defaultConsoleAssetsDir = resolve(__dirname, '..', 'console-web');

const contentTypes: Readonly<Record<string, string>> = {
  js: 'text/javascript; charset=utf-8',
  css: 'text/css; charset=utf-8',
  map: 'application/json; charset=utf-8',
};

/** Asset names the console's build writes: no paths, so nothing outside the directory can be named. */
const assetName = /^[a-z0-9][a-z0-9.-]*\.(js|css|map)$/;

/** One asset file's bytes and content type. */
export interface ConsoleAsset {
  readonly body: Buffer;
  readonly contentType: string;
}

/** Reads the console's built assets (console.js, console.css, …) from one directory. */
export class ConsoleAssets {
  constructor(private readonly dir: string = defaultConsoleAssetsDir) {}

  /** The asset, or undefined when the name is not an asset name or the file is not there (console not built). */
  async read(name: string): Promise<ConsoleAsset | undefined> {
    const match = assetName.exec(name);
    const extension = match?.[1];
    if (extension === undefined) return undefined;
    try {
      return {
        body: await readFile(join(this.dir, name)),
        contentType: contentTypes[extension] ?? 'application/octet-stream',
      };
    } catch (error: unknown) {
      if ((error as { code?: unknown }).code === 'ENOENT') return undefined;
      throw error;
    }
  }
}
