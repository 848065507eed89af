import { catalogV1 } from '@gaara/contracts';
import type { Knex } from '@gaara/db';
import type { GrpcLogger, GrpcServer } from '@gaara/grpc';
import { serveGrpc } from '@gaara/service';
import { ProductRepository } from './data/product-repository';
import { DEFAULT_PRODUCT_CACHE_MS, DEFAULT_RESERVATION_HOLD_MS } from './config';
import { ProductCache } from './data/product-cache';
import { StockLedger } from './data/stock-ledger';
import { catalogHandlers } from './grpc/catalog-handlers';

/** Options of {@link startCatalogServer}. */
export interface CatalogServerOptions {
  readonly db: Knex;
  readonly host?: string;
  /** 0 picks a free port. */
  readonly port: number;
  readonly logger?: GrpcLogger;
  /** Time between database probes, in milliseconds; defaults to 1000. */
  readonly healthIntervalMs?: number;
  /** How long a reservation is held without a payment outcome, in milliseconds; defaults to an hour. */
  readonly reservationHoldMs?: number;
  /**
   * How long GetProduct may answer a product from memory, in milliseconds (ProductCache: changes through this
   * server's stock ledger show at once, others after at most this); defaults to {@link DEFAULT_PRODUCT_CACHE_MS},
   * 0 reads every time.
   */
  readonly productCacheMs?: number;
}

/** The running catalog: its gRPC server and a stop that ends health probing first. */
export interface CatalogServer {
  readonly grpc: GrpcServer;
  readonly port: number;
  /** The stock ledger the server reserves with; payment events settle through it. */
  readonly stock: StockLedger;
  /** Stops probing the database, then shuts the server down gracefully. */
  stop(): Promise<void>;
}

/**
 * Serves CatalogService and grpc.health.v1 on `port`; health follows the database: NOT_SERVING while it
 * is unreachable, SERVING again when it returns. Signals are left to the caller.
 */
export async function startCatalogServer(options: CatalogServerOptions): Promise<CatalogServer> {
  const cache = new ProductCache({ ttlMs: options.productCacheMs ?? DEFAULT_PRODUCT_CACHE_MS });
  const stock = new StockLedger(
    options.db,
    options.reservationHoldMs ?? DEFAULT_RESERVATION_HOLD_MS,
    (productIds) => cache.invalidate(productIds),
  );
  const server = await serveGrpc({
    host: options.host,
    port: options.port,
    logger: options.logger,
    db: options.db,
    healthIntervalMs: options.healthIntervalMs,
    services: [
      {
        service: catalogV1.CatalogService,
        implementation: catalogHandlers(new ProductRepository(options.db, cache), stock),
      },
    ],
  });
  return { ...server, stock };
}
