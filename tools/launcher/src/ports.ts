import { randomInt } from 'node:crypto';
import { createServer } from 'node:net';

/**
 * Ports are drawn below Linux's ephemeral range (32768-60999): a port found free there could be taken by any
 * outgoing connection before the child process binds it, which made end-to-end starts fail now and then.
 */
const lowestPort = 20_000;
const highestPort = 32_000;

/** Resolves true when `port` can be bound on `host` right now. */
export function canListen(port: number, host: string): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.unref();
    server.once('error', () => resolve(false));
    server.listen(port, host, () => server.close(() => resolve(true)));
  });
}

/** A free loopback TCP port from 20000-31999, checked by binding it; tries 100 random ports at most. */
export async function freePort(host = '127.0.0.1'): Promise<number> {
  for (let attempt = 0; attempt < 100; attempt++) {
    const port = randomInt(lowestPort, highestPort);
    if (await canListen(port, host)) return port;
  }
  throw new Error(`no free port in ${lowestPort}-${highestPort - 1} on ${host}`);
}

/**
 * `count` distinct free ports, none of them in `taken` (ports already handed out but not bound yet: a port is
 * only free until someone binds it, so two separate picks can return the same one).
 */
export async function freePorts(
  count: number,
  host = '127.0.0.1',
  taken: Iterable<number> = [],
): Promise<number[]> {
  const excluded = new Set(taken);
  const ports = new Set<number>();
  while (ports.size < count) {
    const port = await freePort(host);
    if (!excluded.has(port)) ports.add(port);
  }
  return [...ports];
}
