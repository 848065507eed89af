import { z } from 'zod';
import { ConfigError, type ConfigIssue } from './config-error';
import { productionSecretIssues } from './secret';

/** Variables by name, as in `process.env`. */
export type Env = Readonly<Record<string, string | undefined>>;

/** Shape of a configuration: one schema per environment variable name. */
export type ConfigShape = Record<string, z.ZodType<unknown, string | undefined>>;

/** A configuration schema made by {@link defineConfig}. */
export type ConfigSchema<S extends ConfigShape = ConfigShape> = z.ZodObject<S>;

/** The typed, frozen object that {@link loadConfig} returns for a schema. */
export type ConfigOf<S extends ConfigSchema> = DeepReadonly<z.output<S>>;

type DeepReadonly<T> = T extends (infer U)[]
  ? readonly DeepReadonly<U>[]
  : T extends object
    ? { readonly [K in keyof T]: DeepReadonly<T[K]> }
    : T;

/** Turns a shape (variable name → variable schema, e.g. `{ GAARA_PG_PORT: port().default(5432) }`) into a schema. */
export function defineConfig<S extends ConfigShape>(shape: S): ConfigSchema<S> {
  return z.object(shape);
}

/**
 * Reads and validates `env` (defaults to `process.env`) against `schema`. An empty variable counts as
 * unset, so its default applies. With `GAARA_ENV=production` a {@link secret} has no default and must be set.
 * Throws a {@link ConfigError} naming every bad variable at once.
 */
export function loadConfig<S extends ConfigSchema>(schema: S, env: Env = process.env): ConfigOf<S> {
  const input: Record<string, string | undefined> = {};
  for (const name of Object.keys(schema.shape)) {
    const raw = env[name];
    input[name] = raw === undefined || raw.trim() === '' ? undefined : raw;
  }
  const secretIssues = productionSecretIssues(schema.shape, input, env['GAARA_ENV']);
  const result = schema.safeParse(input);
  const issues = [
    ...(result.success ? [] : result.error.issues.map((issue) => toConfigIssue(issue, input))),
    ...secretIssues,
  ];
  if (!result.success || issues.length > 0) throw new ConfigError(issues);
  return deepFreeze(result.data) as ConfigOf<S>;
}

function toConfigIssue(
  issue: z.core.$ZodIssue,
  input: Record<string, string | undefined>,
): ConfigIssue {
  const variable = issue.path.length > 0 ? issue.path.map(String).join('.') : '(configuration)';
  const first = issue.path[0];
  return {
    variable,
    expected: issue.message,
    received: typeof first === 'string' ? input[first] : undefined,
  };
}

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    for (const child of Object.values(value)) deepFreeze(child);
    Object.freeze(value);
  }
  return value;
}
