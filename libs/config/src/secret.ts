import type { z } from 'zod';
import type { ConfigIssue } from './config-error';
import { string } from './env-var';

/** GAARA_ENV's value under which secrets have no default; anything else (default `local`) is a local run. */
export const PRODUCTION_ENV = 'production';

/** The environments GAARA_ENV accepts; a typo must not quietly turn production into a local run. */
export const DEPLOY_ENVS = ['local', PRODUCTION_ENV] as const;

// Marks the schemas made by secret(): loadConfig asks for them by identity, so no metadata leaks into zod.
const localDefaultSecrets = new WeakSet<object>();

/**
 * A secret (token, key) whose `localDefault` serves local runs only: with `GAARA_ENV=production` the variable
 * must be set, and to something else than the (public) local default, or the configuration is refused.
 */
export function secret(localDefault: string) {
  const schema = string().default(localDefault);
  localDefaultSecrets.add(schema);
  return schema;
}

/**
 * The issues of `input` (variables as loadConfig read them, empty = unset) under `gaaraEnv`: in production,
 * every {@link secret} of `shape` that is unset or holds its local default; elsewhere none.
 */
export function productionSecretIssues(
  shape: Readonly<Record<string, z.ZodType<unknown, string | undefined>>>,
  input: Readonly<Record<string, string | undefined>>,
  gaaraEnv: string | undefined,
): ConfigIssue[] {
  if (gaaraEnv?.trim() !== PRODUCTION_ENV) return [];
  const issues: ConfigIssue[] = [];
  for (const [variable, schema] of Object.entries(shape)) {
    if (!localDefaultSecrets.has(schema)) continue;
    const received = input[variable];
    const localDefault = (schema as z.ZodDefault<z.ZodType<string, string>>).def.defaultValue;
    if (received === undefined || received === localDefault) {
      issues.push({
        variable,
        expected: `a secret of its own (GAARA_ENV=${PRODUCTION_ENV} has no default)`,
        received,
      });
    }
  }
  return issues;
}
