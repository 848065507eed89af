// Test helpers of @gaara/db: real PostgreSQL in unique schemas, a proxy to cut the connection, and a wait for its effect.
export { type DatabaseProxy, startDatabaseProxy } from './database-proxy';
export { eventually } from '@gaara/testing';
export { startTcpProxy, type TcpProxy } from './tcp-proxy';
export { databaseUrlVia, dropSchema, testDatabaseUrl, uniqueSchemaName } from './test-schema';
