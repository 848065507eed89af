import type { Knex } from '@gaara/db';

/** `now() + ms`, as the SQL of a lease deadline; `ms` in milliseconds. */
export function leaseFromNow(db: Knex, ms: number): Knex.Raw {
  return db.raw(`now() + ?::int * interval '1 millisecond'`, [ms]);
}
