import { pageSizeSchema, pageTokenSchema } from './schemas';

/**
 * The query-string schema of a paged list: `pageSize` (1 to 100, as text), `pageToken` and the list's own
 * `filters`; any other parameter is refused.
 */
export function pagedListQuerySchema<const Filters extends Readonly<Record<string, object>>>(
  filters: Filters,
) {
  return {
    type: 'object',
    additionalProperties: false,
    properties: { pageSize: pageSizeSchema, pageToken: pageTokenSchema, ...filters },
  } as const;
}
