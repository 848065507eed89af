// Toxiproxy (github.com/Shopify/toxiproxy/v2, built by ../ensure-toxiproxy.sh): its server as a child process and
// a client of its HTTP API, loopback only.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { resolve } from 'node:path';
import { freePort, pollUntil } from '@gaara/launcher';

/** One toxic as toxiproxy's API takes it (`type`: latency, timeout, reset_peer, bandwidth...). */
export interface Toxic {
  readonly name: string;
  readonly type: string;
  /** `downstream` (server → client, the default) or `upstream`. */
  readonly stream?: 'upstream' | 'downstream';
  readonly attributes: Readonly<Record<string, number>>;
}

/** A running toxiproxy server. */
export interface Toxiproxy {
  readonly apiUrl: string;
  /** Adds a proxy listening on `listen` (`127.0.0.1:port`) to `upstream` (`host:port`). */
  createProxy(name: string, listen: string, upstream: string): Promise<void>;
  setUpstream(name: string, upstream: string): Promise<void>;
  addToxic(proxy: string, toxic: Toxic): Promise<void>;
  /** Every proxy enabled again, every toxic removed. */
  reset(): Promise<void>;
  stop(): Promise<void>;
}

/** Builds toxiproxy when missing (Go module proxy, cached outside the repo) and answers its executable. */
export function ensureToxiproxy(root: string): string {
  const built = spawnSync('bash', [resolve(root, 'tools/chaos/ensure-toxiproxy.sh')], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
    timeout: 600_000,
  });
  if (built.status !== 0) throw new Error(`ensure-toxiproxy.sh failed (${built.status})`);
  return built.stdout.trim();
}

/** Starts the server on a free loopback port and waits (≤ 10 s) until its API answers. */
export async function startToxiproxy(executable: string): Promise<Toxiproxy> {
  const port = await freePort();
  const child: ChildProcess = spawn(executable, ['-host', '127.0.0.1', '-port', String(port)], {
    stdio: 'ignore',
  });
  const apiUrl = `http://127.0.0.1:${port}`;
  const call = async (method: string, path: string, body?: unknown): Promise<void> => {
    const response = await fetch(`${apiUrl}${path}`, {
      method,
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(5000),
    });
    if (!response.ok) {
      throw new Error(`toxiproxy ${method} ${path}: ${response.status} ${await response.text()}`);
    }
  };
  const up = await pollUntil(
    async () => (await fetch(`${apiUrl}/version`).catch(() => undefined))?.ok === true,
    10_000,
  );
  if (!up) {
    child.kill('SIGKILL');
    throw new Error(`toxiproxy did not answer on ${apiUrl} within 10 s`);
  }
  return {
    apiUrl,
    createProxy: (name, listen, upstream) =>
      call('POST', '/proxies', { name, listen, upstream, enabled: true }),
    setUpstream: (name, upstream) => call('POST', `/proxies/${name}`, { upstream }),
    addToxic: (proxy, toxic) =>
      call('POST', `/proxies/${proxy}/toxics`, { stream: 'downstream', toxicity: 1, ...toxic }),
    reset: () => call('POST', '/reset'),
    stop: async () => {
      if (child.exitCode !== null) return;
      const exited = new Promise((done) => child.once('exit', done));
      child.kill('SIGTERM');
      await exited;
    },
  };
}
