import type { Knex } from 'knex';
import { createDatabase } from '../create-database';
import { startTcpProxy, type TcpProxy } from './tcp-proxy';
import { databaseUrlVia, testDatabaseUrl } from './test-schema';

/** A {@link TcpProxy} in front of the test database, with the URL that reaches the database through it. */
export interface DatabaseProxy extends TcpProxy {
  /** `testDatabaseUrl()` with the proxy's host and port; valid across cut/restore (the port stays). */
  readonly url: string;
}

/** Starts a proxy on 127.0.0.1 (ephemeral port) to the test database (port 5432 when its URL names none). */
export async function startDatabaseProxy(): Promise<DatabaseProxy> {
  const target = new URL(testDatabaseUrl());
  const proxy = await startTcpProxy({ host: target.hostname, port: Number(target.port || 5432) });
  return Object.assign(proxy, { url: databaseUrlVia(proxy.port) });
}

/** A pool (public schema, at most 4 connections, 1 s connect timeout) reaching the test database through a proxy. */
export interface ProxiedDatabase {
  readonly proxy: DatabaseProxy;
  readonly db: Knex;
  /** Destroys the pool, then closes the proxy. */
  close(): Promise<void>;
}

/** Starts a {@link DatabaseProxy} and a pool through it that never pings idle connections before use. */
export async function startProxiedDatabase(): Promise<ProxiedDatabase> {
  const proxy = await startDatabaseProxy();
  const db = createDatabase({
    url: proxy.url,
    schema: 'public',
    pool: { min: 0, max: 4, pingIdleAfterMs: 0 },
    connectTimeoutMs: 1000,
  });
  return {
    proxy,
    db,
    close: async () => {
      await db.destroy();
      await proxy.close();
    },
  };
}
