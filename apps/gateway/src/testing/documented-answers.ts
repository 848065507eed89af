// The gateway's OpenAPI document as a test reads it: which answers an operation documents, and whether a real one fits.
import { z } from 'zod';

/** The parts of an OpenAPI 3.1 document these checks read. */
export interface OpenApiDocument {
  readonly openapi: string;
  readonly paths: Readonly<Record<string, Readonly<Record<string, Operation>>>>;
  readonly components: { readonly schemas: Readonly<Record<string, object>> };
}

interface Operation {
  readonly requestBody?: {
    readonly content: Readonly<Record<string, { readonly schema: object }>>;
  };
  readonly responses: Readonly<Record<string, DocumentedAnswer>>;
}

/** One documented answer of an operation. */
export interface DocumentedAnswer {
  readonly description: string;
  readonly headers?: Readonly<Record<string, object>>;
  readonly content?: Readonly<Record<string, { readonly schema: object }>>;
}

/** The answer `document` gives `method` `path` (as the document spells it, e.g. `/api/products/{id}`) for `status`. */
export function documentedAnswer(
  document: OpenApiDocument,
  method: string,
  path: string,
  status: number,
): DocumentedAnswer | undefined {
  return document.paths[path]?.[method.toLowerCase()]?.responses[String(status)];
}

/**
 * Problems of `body` against the JSON schema `document` gives that answer (undocumented fields included, as every
 * documented object refuses extra properties); [] when it fits.
 */
export function answerProblems(
  document: OpenApiDocument,
  answer: { readonly method: string; readonly path: string; readonly status: number },
  body: unknown,
): string[] {
  const schema = documentedAnswer(document, answer.method, answer.path, answer.status)?.content?.[
    'application/json'
  ]?.schema;
  if (schema === undefined)
    return [`${answer.method} ${answer.path} documents no JSON ${answer.status}`];
  // zod resolves local refs only under $defs: move components.schemas there.
  const local = (value: object): Record<string, z.core.JSONSchema.JSONSchema> =>
    JSON.parse(JSON.stringify(value).replaceAll('#/components/schemas/', '#/$defs/')) as Record<
      string,
      z.core.JSONSchema.JSONSchema
    >;
  const validator = z.fromJSONSchema({
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    ...local(schema),
    $defs: local(document.components.schemas),
  });
  const result = validator.safeParse(body);
  return result.success
    ? []
    : result.error.issues.map((issue) => `${issue.path.join('.') || '(body)'}: ${issue.message}`);
}
