import { invoiceV1 } from '@gaara/contracts';
import { dropSchema, testDatabaseUrl } from '@gaara/db/testing';
import { createClient, type GrpcClient } from '@gaara/grpc';
import { startFakeCatalog, type FakeCatalog } from './fake-catalog';
import { startInvoice, type TestInvoice } from './invoice-harness';

/** A fake catalog, an invoice service wired to it on its own schema, and a gRPC client of that service. */
export interface InvoiceStack {
  readonly catalog: FakeCatalog;
  readonly invoice: TestInvoice;
  readonly client: GrpcClient<typeof invoiceV1.InvoiceService>;
}

/** Starts an invoice stack on the test database. */
export async function startInvoiceStack(): Promise<InvoiceStack> {
  const catalog = await startFakeCatalog();
  const invoice = await startInvoice(testDatabaseUrl(), catalog.address);
  const client = createClient(invoiceV1.InvoiceService, `127.0.0.1:${invoice.server.port}`);
  return { catalog, invoice, client };
}

/** Closes the client, stops the service, drops its schema and stops the fake catalog. */
export async function stopInvoiceStack({ catalog, invoice, client }: InvoiceStack): Promise<void> {
  client.close();
  await invoice.stop();
  await dropSchema(invoice.db, invoice.schema);
  await invoice.db.destroy();
  await catalog.stop();
}
