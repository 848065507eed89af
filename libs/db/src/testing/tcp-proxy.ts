import { createConnection, createServer, type Server, type Socket } from 'node:net';

/** A TCP proxy a test can cut and restore, to make a dependency unreachable without stopping it. */
export interface TcpProxy {
  /** Port the proxy listens on (stays the same across cut/restore). */
  readonly port: number;
  /** Stops listening and drops every open connection: peers see a reset, new connects are refused. */
  cut(): Promise<void>;
  /** Stops forwarding on the open connections without closing them (a half-open, silent path); new ones still work. */
  freezeOpenConnections(): void;
  /**
   * A network freeze: open and new connections stop carrying bytes in both directions, nothing is closed
   * (new connects are accepted and then hang). What is sent meanwhile waits and flows on {@link thaw}.
   */
  freeze(): void;
  /** Ends a {@link freeze}: the frozen connections carry their waiting bytes and forward again. */
  thaw(): void;
  /** Listens again on the same port. */
  restore(): Promise<void>;
  /** Cuts and forgets the proxy. */
  close(): Promise<void>;
}

/** Starts a proxy on 127.0.0.1 (ephemeral port) forwarding to `target` (`host:port`). */
export async function startTcpProxy(target: { host: string; port: number }): Promise<TcpProxy> {
  const sockets = new Set<Socket>();
  const pairs = new Set<readonly [Socket, Socket]>();
  let server: Server | undefined;
  let port = 0;
  let frozen = false;
  const pipe = ([client, upstream]: readonly [Socket, Socket]): void => {
    client.pipe(upstream).pipe(client);
  };
  const stall = ([client, upstream]: readonly [Socket, Socket]): void => {
    client.unpipe(upstream);
    upstream.unpipe(client);
    client.pause();
    upstream.pause();
  };

  const listen = async (): Promise<void> => {
    const next = createServer((client) => {
      const upstream = createConnection(target);
      for (const socket of [client, upstream]) {
        sockets.add(socket);
        socket.on('close', () => sockets.delete(socket));
        // A reset on one side ends the other; the error itself is expected while cutting.
        socket.on('error', () => undefined);
      }
      const pair = [client, upstream] as const;
      if (frozen) stall(pair);
      else pipe(pair);
      pairs.add(pair);
      client.on('close', () => {
        pairs.delete(pair);
        upstream.destroy();
      });
      upstream.on('close', () => client.destroy());
    });
    await new Promise<void>((resolve, reject) => {
      next.once('error', reject);
      next.listen(port, '127.0.0.1', () => resolve());
    });
    const address = next.address();
    if (address === null || typeof address === 'string')
      throw new Error('proxy has no TCP address');
    port = address.port;
    server = next;
  };
  const cut = async (): Promise<void> => {
    const current = server;
    server = undefined;
    for (const socket of sockets) socket.resetAndDestroy();
    sockets.clear();
    pairs.clear();
    if (current) await new Promise<void>((resolve) => current.close(() => resolve()));
  };

  await listen();
  return {
    get port() {
      return port;
    },
    cut,
    freezeOpenConnections: () => {
      for (const pair of pairs) stall(pair);
      pairs.clear();
    },
    freeze: () => {
      frozen = true;
      for (const pair of pairs) stall(pair);
    },
    thaw: () => {
      frozen = false;
      for (const pair of pairs) pipe(pair);
    },
    restore: () => (server ? Promise.resolve() : listen()),
    close: cut,
  };
}
