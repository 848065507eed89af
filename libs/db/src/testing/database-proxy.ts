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
