import type { FastifyInstance } from 'fastify';
import type { InvoiceDesk, InvoiceQuery } from '../invoices/invoice-desk';
import { invoiceStatusNames } from '../json/invoice-json';
import { pagedListQuerySchema } from './paged-list-query';
import { idParamsSchema, idSchema, pageSizeOf } from './schemas';

const listQuerySchema = pagedListQuerySchema({
  status: { type: 'string', enum: invoiceStatusNames },
  customerId: idSchema,
});

type ListQuery = Omit<InvoiceQuery, 'pageSize'> & { readonly pageSize?: string };

/** GET /api/invoices (newest first, paged, by status or customer) and GET /api/invoices/:id. */
export function registerInvoiceRoutes(app: FastifyInstance, invoices: InvoiceDesk): void {
  app.get<{ Querystring: ListQuery }>(
    '/api/invoices',
    { schema: { querystring: listQuerySchema } },
    (request) => invoices.list({ ...request.query, pageSize: pageSizeOf(request.query.pageSize) }),
  );
  app.get<{ Params: { id: string } }>(
    '/api/invoices/:id',
    { schema: { params: idParamsSchema } },
    (request) => invoices.get(request.params.id),
  );
}
