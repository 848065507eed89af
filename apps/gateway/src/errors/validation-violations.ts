/** One invalid input field, as answered to the client. */
export interface Violation {
  /** Where the field is: body, querystring, params or headers. */
  readonly in: string;
  /** Path of the field, e.g. `items[0].quantity`. */
  readonly field: string;
  readonly reason: string;
}

/** The parts of an Ajv error the gateway reads. */
export interface SchemaError {
  readonly instancePath: string;
  readonly keyword: string;
  readonly params: Record<string, unknown>;
  readonly message?: string;
}

/** `/items/0/quantity` → `items[0].quantity`. */
function fieldPath(instancePath: string): string {
  return instancePath
    .split('/')
    .filter((segment) => segment.length > 0)
    .map((segment) => segment.replace(/~1/g, '/').replace(/~0/g, '~'))
    .reduce(
      (path, segment) =>
        /^[0-9]+$/.test(segment)
          ? `${path}[${segment}]`
          : path === ''
            ? segment
            : `${path}.${segment}`,
      '',
    );
}

function join(path: string, child: string): string {
  return path === '' ? child : `${path}.${child}`;
}

/** Schema errors as field + reason; a missing or unknown property is named itself, not its parent. */
export function violationsOf(errors: readonly SchemaError[], location: string): Violation[] {
  return errors.map((error) => {
    const path = fieldPath(error.instancePath);
    const { missingProperty, additionalProperty } = error.params;
    if (error.keyword === 'required' && typeof missingProperty === 'string') {
      return { in: location, field: join(path, missingProperty), reason: 'is required' };
    }
    if (error.keyword === 'additionalProperties' && typeof additionalProperty === 'string') {
      return { in: location, field: join(path, additionalProperty), reason: 'is not allowed' };
    }
    return {
      in: location,
      field: path === '' ? location : path,
      reason: error.message ?? 'is invalid',
    };
  });
}
