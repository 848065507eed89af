import {
  defineConfig,
  milliseconds,
  millisecondsOrZero,
  storeServiceEnvShape,
} from '@gaara/config';

/**
 * How long an order's stock is held without a payment outcome, in milliseconds: an hour, longer than the
 * payment's whole retry span (its tiers sum to 35 min 35 s; config.spec.ts checks it against the topology) so a
 * charge still retrying never finds its units released.
 */
export const DEFAULT_RESERVATION_HOLD_MS = 3_600_000;

/**
 * How long GetProduct may answer a product from memory, in milliseconds: a change made through this catalog's
 * stock ledger shows at once (the cache forgets what a ledger transaction touched); one made outside it (SQL by
 * hand, another instance) after at most this. Orders never read it: reservations check units in SQL.
 */
export const DEFAULT_PRODUCT_CACHE_MS = 1_000;

/** Environment of the catalog service; every variable has a local default. */
export const catalogConfigSchema = defineConfig({
  ...storeServiceEnvShape('catalog'),
  GAARA_RESERVATION_HOLD_MS: milliseconds().default(DEFAULT_RESERVATION_HOLD_MS),
  /** Time between sweeps releasing expired holds, in milliseconds. */
  GAARA_RESERVATION_SWEEP_MS: milliseconds().default(10_000),
  /** See {@link DEFAULT_PRODUCT_CACHE_MS}; 0 turns the product cache off. */
  GAARA_PRODUCT_CACHE_MS: millisecondsOrZero().default(DEFAULT_PRODUCT_CACHE_MS),
});
