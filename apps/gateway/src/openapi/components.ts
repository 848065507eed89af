import {
  boardBreakerSchema,
  breakerActionSchema,
  breakerBoardSchema,
} from '../admin/breaker-schemas';
import { errorSchemas } from '../errors/error-schemas';
import {
  dashboardSchema,
  notificationStatsSchema,
  paymentStatsSchema,
  stockTotalsSchema,
} from './dashboard-schemas';
import {
  deadLetterEntrySchema,
  deadLetterListSchema,
  replayResultSchema,
} from './dead-letter-schemas';
import { externalDataSchema, externalDataUnavailableSchema } from './external-data-schemas';
import { healthSchema } from './health-schema';
import {
  invoiceAnswerSchema,
  invoicePageSchema,
  invoiceSchema,
  invoiceSummarySchema,
} from './invoice-schemas';
import { orderAnswerSchema } from './order-schemas';
import { productAnswerSchema, productPageSchema, productSchema } from './product-schemas';

/** Every named schema the routes' answers refer to: components.schemas of the OpenAPI document. */
export const componentSchemas = [
  productSchema,
  productPageSchema,
  productAnswerSchema,
  invoiceSchema,
  invoiceSummarySchema,
  invoicePageSchema,
  invoiceAnswerSchema,
  orderAnswerSchema,
  stockTotalsSchema,
  paymentStatsSchema,
  notificationStatsSchema,
  dashboardSchema,
  healthSchema,
  externalDataSchema,
  externalDataUnavailableSchema,
  deadLetterEntrySchema,
  deadLetterListSchema,
  replayResultSchema,
  boardBreakerSchema,
  breakerBoardSchema,
  breakerActionSchema,
  ...errorSchemas,
] as const;
