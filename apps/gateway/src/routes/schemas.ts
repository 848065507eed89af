/** Ids of products and invoices: opaque, but short and URL-safe. */
export const idSchema = {
  type: 'string',
  minLength: 1,
  maxLength: 64,
  pattern: '^[A-Za-z0-9_-]+$',
} as const;

/** Query strings are not type-coerced (bodies must not be either), so numbers in them are checked as text. */
export const pageSizeSchema = { type: 'string', pattern: '^(100|[1-9][0-9]?)$' } as const;

export const pageTokenSchema = { type: 'string', minLength: 1, maxLength: 512 } as const;

export const idParamsSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['id'],
  properties: { id: idSchema },
} as const;

/** For routes that take no query: any parameter is a mistake worth telling the caller about. */
export const noQuerySchema = {
  type: 'object',
  additionalProperties: false,
  properties: {},
} as const;

export function pageSizeOf(raw: string | undefined): number | undefined {
  return raw === undefined ? undefined : Number(raw);
}
