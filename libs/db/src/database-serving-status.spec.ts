import type { Knex } from 'knex';
import { serveWhileDatabaseReachable, type ServingStatusTarget } from './database-serving-status';
import { eventually } from '@gaara/testing';

/** A database whose `SELECT 1` succeeds or fails as the test says (a fake of the one call used). */
function scriptedDatabase(): { db: Knex; up: boolean } {
  const state = { up: true, db: undefined as unknown as Knex };
  const refused = (): Promise<never> => Promise.reject(new Error('connect ECONNREFUSED'));
  class ScriptedClient {
    connect = (): Promise<void> => (state.up ? Promise.resolve() : refused());
    query = (): Promise<unknown> => (state.up ? Promise.resolve([]) : refused());
    end = (): Promise<void> => Promise.resolve();
    on = (): this => this;
  }
  state.db = {
    client: { driver: { Client: ScriptedClient }, connectionSettings: {} },
  } as unknown as Knex; // the health probe only opens its own pg client and runs SELECT 1 on it
  return state;
}

class RecordingHealth implements ServingStatusTarget {
  public readonly statuses: string[] = [];
  public isClosed = false;
  public setAll(status: 'SERVING' | 'NOT_SERVING'): void {
    this.statuses.push(status);
  }
}

describe('serveWhileDatabaseReachable', () => {
  it('flips the health NOT_SERVING while the database is unreachable and back, logging each change', async () => {
    const database = scriptedDatabase();
    const health = new RecordingHealth();
    const logged: string[] = [];
    const watcher = serveWhileDatabaseReachable(database.db, health, {
      intervalMs: 10,
      logger: { info: (_f, m) => logged.push(m), warn: (_f, m) => logged.push(m) },
    });
    try {
      await eventually(() => health.statuses.length === 1, 2000);
      database.up = false;
      await eventually(() => health.statuses.length === 2, 2000);
      database.up = true;
      await eventually(() => health.statuses.length === 3, 2000);
      expect(health.statuses).toEqual(['SERVING', 'NOT_SERVING', 'SERVING']);
      expect(logged).toEqual(['database reachable', 'database unreachable', 'database reachable']);
    } finally {
      watcher.stop();
    }
  });

  it('leaves a closed health map alone', async () => {
    const database = scriptedDatabase();
    const health = new RecordingHealth();
    health.isClosed = true;
    const watcher = serveWhileDatabaseReachable(database.db, health, { intervalMs: 10 });
    try {
      await eventually(() => watcher.state === 'reachable', 2000);
      expect(health.statuses).toEqual([]);
    } finally {
      watcher.stop();
    }
  });
});
