// Starting and stopping the peer baseline process (peer-main.js beside this file once built).
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';

export interface RunningPeer {
  /** Base URL, `http://127.0.0.1:<port>`. */
  readonly url: string;
  readonly pid: number;
  /** SIGTERM, SIGKILL after `timeoutMs` (default 5 s); resolves once it exited. Idempotent. */
  stop(timeoutMs?: number): Promise<void>;
}

function exited(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((done) => child.once('exit', () => done()));
}

/**
 * Starts the peer on PostgreSQL `pgUrl`, schema `schema`; resolves once it listens (bound `timeoutMs`,
 * default 10 s), rejects (and kills it) when it exits or does not listen in time.
 */
export function startPeer(pgUrl: string, schema: string, timeoutMs = 10_000): Promise<RunningPeer> {
  const child = spawn(process.execPath, [join(__dirname, 'peer-main.js')], {
    env: { ...process.env, PEER_PG_URL: pgUrl, PEER_SCHEMA: schema },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const stop = async (bound = 5000): Promise<void> => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), bound);
    await exited(child);
    clearTimeout(timer);
  };
  return new Promise((resolve, reject) => {
    const fail = (why: string): void => {
      clearTimeout(timer);
      void stop(1000).finally(() => reject(new Error(why)));
    };
    const timer = setTimeout(
      () => fail(`the peer did not listen within ${timeoutMs} ms`),
      timeoutMs,
    );
    child.once('exit', (code, signal) =>
      fail(`the peer exited while starting (${signal ?? code})`),
    );
    child.stdout?.on('data', (chunk: Buffer) => {
      const match = /listening (http:\/\/127\.0\.0\.1:\d+)/.exec(chunk.toString());
      if (match === null || child.pid === undefined) return;
      clearTimeout(timer);
      child.removeAllListeners('exit');
      resolve({ url: match[1], pid: child.pid, stop });
    });
  });
}
