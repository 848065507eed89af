import type { FastifyInstance } from 'fastify';
import { bodyErrors, errorAnswers } from '../errors/error-answers';
import { UnauthorizedError } from '../errors/gateway-errors';
import type { InvoiceDesk, InvoiceQuery } from '../invoices/invoice-desk';
import {
  invoiceReaderOf,
  invoiceSeenBy,
  mayReadCustomer,
  type ReaderCredentials,
} from '../invoices/invoice-reader';
import {
  invoiceAnswerSchema,
  invoicePageSchema,
  rechargeAnswerSchema,
} from '../openapi/invoice-schemas';
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

const rechargeHeadersSchema = {
  type: 'object',
  required: ['idempotency-key'],
  properties: {
    // As POST /api/orders' idempotencyKey, plus '.' and ':' (payment keys allow them).
    'idempotency-key': {
      type: 'string',
      minLength: 8,
      maxLength: 128,
      pattern: '^[A-Za-z0-9_.:-]+$',
      description:
        'one per payment attempt: the same key repeats it safely, a new key is a new attempt',
    },
  },
} as const;

const rechargeBodySchema = {
  type: 'object',
  additionalProperties: false,
  required: ['paymentMethod'],
  properties: {
    // As POST /api/orders: the provider's token, never a card number.
    paymentMethod: { type: 'string', pattern: '^tok_[A-Za-z0-9_]{1,64}$' },
  },
} as const;

/**
 * GET /api/invoices (newest first, paged, by status or customer): with a customer token only that customer's
 * invoices, with the admin token every customer's, without either 401 (checked after validation, so a bad
 * query is still 400). GET /api/invoices/:id: anyone with the id, the e-mail redacted unless the token is the
 * invoice's customer's or the admin's. POST /api/invoices/:id/payments: a new payment attempt for a failed invoice
 * (see registerRechargeRoute).
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
  registerRechargeRoute(app, invoices, credentials);
}

/**
 * POST /api/invoices/:id/payments with `Idempotency-Key` and `{ paymentMethod }`: charges a failed invoice again
 * (its stock held again first) → 202 `{ invoice, payment }`. The same key again answers the same attempt and
 * charges nothing more. Refused as things stand → 409 FAILED_PRECONDITION with `reason` (paid, pending,
 * stock_gone); unknown invoice 404; no or a wrong token 401 (checked after validation, so a missing key is
 * still 400), another customer's token 403.
 */
function registerRechargeRoute(
  app: FastifyInstance,
  invoices: InvoiceDesk,
  credentials: ReaderCredentials,
): void {
  app.post<{ Params: { id: string }; Body: { paymentMethod: string } }>(
    '/api/invoices/:id/payments',
    {
      schema: {
        tags: ['invoices'],
        operationId: 'rechargeInvoice',
        summary: 'Pay a failed invoice again: hold its stock again, then charge it',
        description:
          "`Idempotency-Key` names the attempt; `Authorization: Bearer <customerToken>` of the invoice's customer, or the admin token. An invoice is charged successfully at most once.",
        security: invoiceSecurity,
        params: idParamsSchema,
        headers: rechargeHeadersSchema,
        body: rechargeBodySchema,
        response: {
          202: {
            description: 'Attempt accepted; the payment may still be pending',
            ...rechargeAnswerSchema,
          },
          ...errorAnswers(
            ...bodyErrors,
            'customerUnauthorized',
            'forbidden',
            'notFound',
            'rechargeRefused',
            'orderUnavailable',
          ),
        },
      },
    },
    async (request, reply) => {
      const reader = invoiceReaderOf(request.headers.authorization, credentials);
      if (reader.kind === 'anonymous') {
        throw new UnauthorizedError(
          "The invoice's customer token (customerToken of POST /api/orders) or the admin token is required",
        );
      }
      const header = request.headers['idempotency-key'];
      const recharged = await invoices.recharge(
        {
          invoiceId: request.params.id,
          idempotencyKey: typeof header === 'string' ? header : '',
          paymentMethod: request.body.paymentMethod,
        },
        (customerId) => mayReadCustomer(reader, customerId),
      );
      return reply.code(202).send(recharged);
    },
  );
}
