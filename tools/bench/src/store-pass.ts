// One pass of the store bench: the whole store started by @gaara/launcher on ephemeral loopback ports, on its
// own PostgreSQL schemas and Kafka topic prefix, wired to the stack as `npm start` wires it, then restocked.
import type { Knex } from 'knex';
import { launchStore, type RunningStore } from '@gaara/launcher';
import { stackEndpoints } from '@gaara/stack';

export type StoreSchemas = Record<'catalog' | 'invoice' | 'payment' | 'notification', string>;

/** Schema names of one pass, e.g. `bench_1a2b3c4d_on_catalog`. */
export function passSchemas(runId: string, pass: string): StoreSchemas {
  const name = (service: string): string => `bench_${runId}_${pass}_${service}`;
  return {
    catalog: name('catalog'),
    invoice: name('invoice'),
    payment: name('payment'),
    notification: name('notification'),
  };
}

export interface PassOptions {
  readonly pgUrl: string;
  readonly schemas: StoreSchemas;
  readonly topicPrefix: string;
  /** true: the shipped settings (traces to Jaeger, metrics); false: GAARA_TELEMETRY_ENABLED=false everywhere. */
  readonly telemetry: boolean;
  /** GAARA_LOG_LEVEL of every service; undefined keeps the shipped default (info), as `npm start` does. */
  readonly logLevel: string | undefined;
  readonly log: (line: string) => void;
}

/** Starts the store; the caller stops it (`stopAll`) and drops the schemas. */
export function launchPass(options: PassOptions): Promise<RunningStore> {
  const stack = stackEndpoints();
  return launchStore({
    ports: 'ephemeral',
    pgUrl: options.pgUrl,
    schemas: options.schemas,
    topicPrefix: options.topicPrefix,
    // As tools/launcher/src/main.ts (npm start): the stack's brokers and OTLP endpoint; telemetry stated
    // explicitly so a GAARA_TELEMETRY_ENABLED in the caller's shell cannot change the pass.
    commonEnv: {
      GAARA_KAFKA_BROKERS: stack.kafkaBrokers.join(','),
      GAARA_OTLP_ENDPOINT: stack.jaegerOtlpHttpUrl,
      GAARA_TELEMETRY_ENABLED: String(options.telemetry),
      GAARA_DEPLOYMENT_ENVIRONMENT: 'bench',
      ...(options.logLevel === undefined ? {} : { GAARA_LOG_LEVEL: options.logLevel }),
    },
    log: options.log,
  });
}

/**
 * The first `count` products of the pass's catalog (by SKU), each restocked by `units` directly in
 * `products.stock` (orders reserve stock; too few units answer 409, which this bench must not measure).
 */
export async function restockedProducts(
  db: Knex,
  catalogSchema: string,
  count: number,
  units: number,
): Promise<string[]> {
  const rows = (await db
    .withSchema(catalogSchema)
    .table('products')
    .select('id')
    .orderBy('sku')
    .limit(count)) as { id: string }[];
  const ids = rows.map((r) => r.id);
  if (ids.length === 0) throw new Error(`${catalogSchema}.products is empty`);
  await db.withSchema(catalogSchema).table('products').whereIn('id', ids).increment('stock', units);
  return ids;
}
