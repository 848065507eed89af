// Test helpers of @gaara/db: real PostgreSQL in unique schemas, a proxy to cut the connection, and a wait for its effect.
export {
  type DatabaseProxy,
  type ProxiedDatabase,
  startDatabaseProxy,
  startProxiedDatabase,
} from './database-proxy';
export { eventually } from '@gaara/testing';
export { startTcpProxy, type TcpProxy } from './tcp-proxy';
export { databaseUrlVia, dropSchema, testDatabaseUrl, uniqueSchemaName } from './test-schema';
