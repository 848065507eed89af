import { databaseKnownUnreachable, type Knex } from '@gaara/db';
import { eventually } from '@gaara/db/testing';
import { serveGrpc } from './serve-grpc';

/** A database whose pool refuses every connection, as while PostgreSQL is stopped (no server needed). */
function refusingDatabase(): Knex {
  const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), {
    code: 'ECONNREFUSED',
  });
  const client = {
    acquireConnection: () => Promise.reject(refused),
    releaseConnection: () => Promise.resolve(),
  };
  return { client } as unknown as Knex;
}

describe('serveGrpc with a database', () => {
  it('makes transient retries fail fast while its database is down, until it stops', async () => {
    const served = await serveGrpc({
      services: [],
      db: refusingDatabase(),
      healthIntervalMs: 20,
      shutdownTimeoutMs: 50,
    });
    try {
      await eventually(() => databaseKnownUnreachable());
    } finally {
      await served.stop();
    }
    expect(databaseKnownUnreachable()).toBe(false);
  });
});
