// Test helpers of @gaara/db: real PostgreSQL in unique schemas, and a proxy to cut the connection.
export { startTcpProxy, type TcpProxy } from './tcp-proxy';
export { databaseUrlVia, dropSchema, testDatabaseUrl, uniqueSchemaName } from './test-schema';
