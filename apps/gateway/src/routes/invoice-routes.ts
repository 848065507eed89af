import type { FastifyInstance } from 'fastify';
import { errorAnswers } from '../errors/error-answers';
import type { InvoiceDesk, InvoiceQuery } from '../invoices/invoice-desk';
import { invoiceAnswerSchema, invoicePageSchema } from '../openapi/invoice-schemas';
import { ref } from '../openapi/schema-parts';
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
    {
      schema: {
        tags: ['invoices'],
        operationId: 'listInvoices',
        summary: 'A page of invoices, newest first, by status or customer',
        querystring: listQuerySchema,
        response: {
          200: { description: 'A page of invoices', ...ref(invoicePageSchema) },
          ...errorAnswers('invalid', 'unavailable'),
        },
      },
    },
    (request) => invoices.list({ ...request.query, pageSize: pageSizeOf(request.query.pageSize) }),
  );
  app.get<{ Params: { id: string } }>(
    '/api/invoices/:id',
    {
      schema: {
        tags: ['invoices'],
        operationId: 'getInvoice',
        summary: 'One invoice',
        params: idParamsSchema,
        response: {
          200: { description: 'The invoice', ...ref(invoiceAnswerSchema) },
          ...errorAnswers('invalid', 'notFound', 'unavailable'),
        },
      },
    },
    (request) => invoices.get(request.params.id),
  );
}
