import type { Knex, NamedMigration } from '@gaara/db';

/** Check constraint on notifications.status (PostgreSQL's name for 0001's inline check). */
const STATUS_CHECK = 'notifications_status_check';
// Frozen like every applied migration: a later status gets its own migration.
const STATUSES = ['pending', 'processing', 'sent', 'queued', 'failed', 'dead_lettered'];

/**
 * Adds the `dead_lettered` status (retries exhausted, task on the DLT, replayable) next to `failed` (never sent
 * again), and `dead_letter_base`, the chain whose replay may claim the row. Rows failed by exhausted retries
 * before this migration become dead_lettered with a NULL base, so their existing DLT entries replay too.
 */
export const deadLetteredMigration: NamedMigration = {
  name: '0002_dead_lettered',
  up: async (db: Knex) => {
    const statuses = STATUSES.map((status) => `'${status}'`).join(', ');
    await db.raw('ALTER TABLE notifications DROP CONSTRAINT IF EXISTS ??', [STATUS_CHECK]);
    await db.raw(`ALTER TABLE notifications ADD CONSTRAINT ?? CHECK (status IN (${statuses}))`, [
      STATUS_CHECK,
    ]);
    await db.schema.alterTable('notifications', (table) => {
      // EmailTask.attempts_before of the dead-lettered chain; NULL: unknown (legacy row), any replay may claim.
      table.integer('dead_letter_base');
    });
    await db('notifications')
      .where({ status: 'failed' })
      .whereLike('last_error', 'retries exhausted%')
      .update({ status: 'dead_lettered' });
  },
};
