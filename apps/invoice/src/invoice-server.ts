import { invoiceV1 } from '@gaara/contracts';
import type { Knex } from '@gaara/db';
import type { GrpcLogger, GrpcServer } from '@gaara/grpc';
import { serveGrpc } from '@gaara/service';
import type { ProductCatalog } from './catalog/product-catalog';
import { InvoiceRepository } from './data/invoice-repository';
import { invoiceHandlers } from './grpc/invoice-handlers';
import { Invoices } from './invoices';

/** Options of {@link startInvoiceServer}. */
export interface InvoiceServerOptions {
  readonly db: Knex;
  /** Where products are validated and priced (the catalog over gRPC in the service). */
  readonly catalog: ProductCatalog;
  readonly host?: string;
  /** 0 picks a free port. */
  readonly port: number;
  readonly logger?: GrpcLogger;
  /** Time between database probes, in milliseconds; defaults to 1000. */
  readonly healthIntervalMs?: number;
}

/** The running invoice service: its gRPC server and a stop that ends health probing first. */
export interface InvoiceServer {
  readonly grpc: GrpcServer;
  readonly port: number;
  /** The use cases the server answers with; the payments.events consumer uses them too. */
  readonly invoices: Invoices;
  /** Stops probing the database, then shuts the server down gracefully. */
  stop(): Promise<void>;
}

/**
 * Serves InvoiceService and grpc.health.v1 on `port`; health follows the database: NOT_SERVING while it
 * is unreachable, SERVING again when it returns. The catalog is not a health dependency: without it only
 * CreateInvoice fails (UNAVAILABLE). Signals are left to the caller.
 */
export async function startInvoiceServer(options: InvoiceServerOptions): Promise<InvoiceServer> {
  const invoices = new Invoices(new InvoiceRepository(options.db), options.catalog);
  const served = await serveGrpc({
    host: options.host,
    port: options.port,
    logger: options.logger,
    db: options.db,
    healthIntervalMs: options.healthIntervalMs,
    services: [{ service: invoiceV1.InvoiceService, implementation: invoiceHandlers(invoices) }],
  });
  return { ...served, invoices };
}
