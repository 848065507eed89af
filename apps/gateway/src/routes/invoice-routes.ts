import type { FastifyInstance } from 'fastify';
import { errorAnswers } from '../errors/error-answers';
import { UnauthorizedError } from '../errors/gateway-errors';
import type { InvoiceDesk, InvoiceQuery } from '../invoices/invoice-desk';
import { invoiceReaderOf, invoiceSeenBy, type ReaderCredentials } from '../invoices/invoice-reader';
import { invoiceAnswerSchema, invoicePageSchema } from '../openapi/invoice-schemas';
import { adminSecurity } from '../openapi/register-openapi';
import { ref } from '../openapi/schema-parts';
import { invoiceStatusNames } from '../json/invoice-json';
import { pagedListQuerySchema } from './paged-list-query';
import { idParamsSchema, idSchema, pageSizeOf } from './schemas';

const listQuerySchema = pagedListQuerySchema({
  status: { type: 'string', enum: invoiceStatusNames },
  customerId: idSchema,
});

type ListQuery = Omit<InvoiceQuery, 'pageSize'> & { readonly pageSize?: string };

const invoiceSecurity = [{ customerToken: [] }, ...adminSecurity];

/**
 * GET /api/invoices (newest first, paged, by status or customer): with a customer token only that customer's
 * invoices, with the admin token every customer's, without either 401 (checked after validation, so a bad
 * query is still 400). GET /api/invoices/:id: anyone with the id, the e-mail redacted unless the token is the
 * invoice's customer's or the admin's.
 */
export function registerInvoiceRoutes(
  app: FastifyInstance,
  invoices: InvoiceDesk,
  credentials: ReaderCredentials,
): void {
  app.get<{ Querystring: ListQuery }>(
    '/api/invoices',
    {
      schema: {
        tags: ['invoices'],
        operationId: 'listInvoices',
        summary:
          "A page of invoices, newest first: the token's customer's, or everyone's for admin",
        description:
          "`Authorization: Bearer <customerToken>` (from POST /api/orders) lists that customer's invoices (a `customerId` naming another customer gives an empty page); the admin token lists every customer's.",
        security: invoiceSecurity,
        querystring: listQuerySchema,
        response: {
          200: { description: 'A page of invoices', ...ref(invoicePageSchema) },
          ...errorAnswers('invalid', 'customerUnauthorized', 'unavailable'),
        },
      },
    },
    async (request) => {
      const reader = invoiceReaderOf(request.headers.authorization, credentials);
      if (reader.kind === 'anonymous') {
        throw new UnauthorizedError(
          'A customer token (customerToken of POST /api/orders) or the admin token is required',
        );
      }
      const query = { ...request.query, pageSize: pageSizeOf(request.query.pageSize) };
      if (reader.kind === 'admin') return invoices.list(query);
      if (query.customerId !== undefined && query.customerId !== reader.customerId) {
        return { invoices: [], nextPageToken: '' };
      }
      return invoices.list({ ...query, customerId: reader.customerId });
    },
  );
  app.get<{ Params: { id: string } }>(
    '/api/invoices/:id',
    {
      schema: {
        tags: ['invoices'],
        operationId: 'getInvoice',
        summary: "One invoice; its e-mail only for its customer's token or the admin token",
        description:
          "Anyone with the id gets the invoice; `customerEmail` is `[redacted]` unless `Authorization: Bearer` carries the invoice's customer's token or the admin token.",
        security: [...invoiceSecurity, {}],
        params: idParamsSchema,
        response: {
          200: { description: 'The invoice', ...ref(invoiceAnswerSchema) },
          ...errorAnswers('invalid', 'notFound', 'unavailable'),
        },
      },
    },
    async (request) => {
      const { invoice } = await invoices.get(request.params.id);
      const reader = invoiceReaderOf(request.headers.authorization, credentials);
      return { invoice: invoiceSeenBy(reader, invoice) };
    },
  );
}
