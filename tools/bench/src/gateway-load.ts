// autocannon (no bundled types) behind a small typed wrapper, and the bare Fastify reference process.
import { spawn, type ChildProcess } from 'node:child_process';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { createServer, type Server, type Socket } from 'node:net';

interface AutocannonResult {
  readonly requests: { readonly average: number };
  readonly latency: { readonly p99: number; readonly p50: number };
  readonly errors: number;
  readonly timeouts: number;
  readonly non2xx: number;
}
type Autocannon = (options: {
  url: string;
  connections: number;
  duration: number;
  pipelining?: number;
}) => Promise<AutocannonResult>;

const autocannon = createRequire(__filename)('autocannon') as Autocannon;

/** One measurement of one URL: req/s, p50 and p99 in ms, and the failed answers. */
export interface LoadSample {
  readonly rps: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  readonly failed: number;
}

/** Closed-loop HTTP load on one loopback URL for `seconds`. */
export async function load(url: string, connections: number, seconds: number): Promise<LoadSample> {
  if (!url.startsWith('http://127.0.0.1:')) throw new Error(`loopback only: ${url}`);
  const result = await autocannon({ url, connections, duration: seconds });
  return {
    rps: result.requests.average,
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    failed: result.errors + result.timeouts + result.non2xx,
  };
}

/** Starts the bare Fastify route in a child process (tools/bench/dist/gateway-bare.js). */
export function startBare(): Promise<{ url: string; child: ChildProcess }> {
  const child = spawn(process.execPath, [join(__dirname, 'gateway-bare.js')], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('bare Fastify did not start in 10 s')), 10_000);
    child.once('exit', (code) => reject(new Error(`bare Fastify exited (${code})`)));
    child.stdout?.on('data', (chunk: Buffer) => {
      const match = /listening (http:\/\/\S+)/.exec(chunk.toString());
      if (match !== null) {
        clearTimeout(timer);
        resolve({ url: `${match[1]}/bare`, child });
      }
    });
  });
}

/** A TCP server that accepts connections and never answers (a hung peer). */
export function startHungServer(port: number): Promise<{ close(): Promise<void> }> {
  const sockets = new Set<Socket>();
  const server: Server = createServer((socket) => {
    sockets.add(socket);
    socket.on('error', () => undefined);
    socket.on('close', () => sockets.delete(socket));
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () =>
      resolve({
        close: () =>
          new Promise((done) => {
            for (const socket of sockets) socket.destroy();
            server.close(() => done());
          }),
      }),
    );
  });
}
