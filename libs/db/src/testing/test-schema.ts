import { randomBytes } from 'node:crypto';
import type { Knex } from 'knex';

/** A schema name unique to this test run, e.g. `catalog_t_3f9a1c2b`, so parallel runs never collide. */
export function uniqueSchemaName(prefix: string): string {
  return `${prefix}_t_${randomBytes(4).toString('hex')}`;
}

/** Drops a test schema and everything in it. */
export async function dropSchema(db: Knex, schema: string): Promise<void> {
  await db.raw('DROP SCHEMA IF EXISTS ?? CASCADE', [schema]);
}

/** URL of the local stack's PostgreSQL (port GAARA_PG_PORT, as tools/stack uses), overridable with GAARA_PG_URL. */
export function testDatabaseUrl(): string {
  const port = process.env['GAARA_PG_PORT'] ?? '5432';
  return process.env['GAARA_PG_URL'] ?? `postgres://gaara:gaara@127.0.0.1:${port}/gaara`;
}

/** `testDatabaseUrl()` with its host and port replaced, e.g. to go through a TcpProxy. */
export function databaseUrlVia(port: number, host = '127.0.0.1'): string {
  const url = new URL(testDatabaseUrl());
  url.hostname = host;
  url.port = String(port);
  return url.toString();
}
