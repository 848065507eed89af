import { withTransientRetry, type Knex } from '@gaara/db';
import { buildSeedCatalog } from '../seed/catalog-seed';

/**
 * Inserts the seed catalogue when the products table is empty; returns how many rows were inserted.
 * Safe when two instances start at once: rows are keyed by SKU and duplicates are skipped.
 */
export async function seedProductsIfEmpty(db: Knex): Promise<number> {
  const existing = await db('products').first('id');
  if (existing !== undefined) return 0;
  const inserted = await db('products')
    .insert(buildSeedCatalog())
    .onConflict('sku')
    .ignore()
    .returning('id');
  return inserted.length;
}

/** {@link seedProductsIfEmpty}, retrying transient database errors (1 s, 2 s); logs how many were inserted. */
export async function seedCatalog(
  db: Knex,
  logger: {
    info(fields: object, message: string): void;
    warn(fields: object, message: string): void;
  },
): Promise<void> {
  const seeded = await withTransientRetry(() => seedProductsIfEmpty(db), {
    onRetry: (notice) =>
      logger.warn({ err: notice.error, delayMs: notice.delayMs }, 'database not ready, retrying'),
  });
  logger.info({ seeded }, 'catalog seeded');
}
