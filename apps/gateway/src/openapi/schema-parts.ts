// Building blocks of the answer schemas: references to named schemas, closed objects, pages, times and money.

/** A schema the OpenAPI document names under components.schemas (registered with Fastify's addSchema). */
export interface NamedSchema {
  readonly $id: string;
}

/** A reference to a named schema, as Fastify and @fastify/swagger resolve it (`Product#`). */
export function ref(schema: NamedSchema): { readonly $ref: string } {
  return { $ref: `${schema.$id}#` };
}

/**
 * An object that has exactly `properties` (the document names every field an answer carries), each required
 * unless listed in `optional`.
 */
export function closedObject<const P extends Readonly<Record<string, object>>>(
  properties: P,
  optional: readonly (keyof P & string)[] = [],
) {
  return {
    type: 'object',
    additionalProperties: false,
    required: Object.keys(properties).filter((name) => !optional.includes(name)),
    properties,
  } as const;
}

/** A page of `item`s under `listName`, with the token of the next page. */
export function pageSchema($id: string, listName: string, item: NamedSchema) {
  return {
    $id,
    ...closedObject({
      [listName]: { type: 'array', items: ref(item) },
      nextPageToken: {
        type: 'string',
        description: "pass as pageToken for the next page; '' on the last",
      },
    }),
  } as const;
}

/** JSON Schema for a value or JSON null (OpenAPI 3.1 is JSON Schema 2020-12, so `type` may list both). */
export const isoTimeOrNull = {
  type: ['string', 'null'],
  format: 'date-time',
  description: 'ISO 8601 UTC; null when unset',
} as const;

/** Money as JSON integers of minor units (1999 = 19.99), never floats or strings. */
export const minorUnitsSchema = {
  type: 'integer',
  minimum: 0,
  description: 'minor units of `currency` (1999 = 19.99)',
} as const;
