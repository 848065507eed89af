// The peer baseline process (tools/bench/src/peer): Fastify + one pg pool (max 10) on the bench's own schema,
// started by the store bench as a child so its RSS and CPU are measured apart. Prints `listening <url>`.
// Environment: PEER_PG_URL (PostgreSQL URL), PEER_SCHEMA (the schema createPeerSchema made).
import Fastify from 'fastify';
import { Pool } from 'pg';
import { registerPeerRoutes } from './peer-routes';

async function main(): Promise<void> {
  const url = process.env['PEER_PG_URL'];
  const schema = process.env['PEER_SCHEMA'] ?? '';
  if (url === undefined || !/^[a-z0-9_]+$/.test(schema)) {
    throw new Error('PEER_PG_URL and PEER_SCHEMA ([a-z0-9_]+) are required');
  }
  // search_path set per connection by the server, so queries name no schema (as the store's pools do).
  const pool = new Pool({ connectionString: url, max: 10, options: `-c search_path=${schema}` });
  const app = Fastify({ logger: false });
  registerPeerRoutes(app, pool);
  const address = await app.listen({ host: '127.0.0.1', port: 0 });
  console.log(`listening ${address}`);
  const stop = (): void =>
    void app
      .close()
      .then(() => pool.end())
      .finally(() => process.exit(0));
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
