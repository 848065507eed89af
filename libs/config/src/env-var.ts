import { z } from 'zod';

/** Schema of one environment variable: reads a raw string, yields a typed value. */
export type EnvVarSchema<T> = z.ZodType<T, string>;

/**
 * Builds the schema of one variable from a parser; `expected` is what the error message says a
 * valid value looks like (completing "expected ..."). `parse` returns `undefined` for an invalid value.
 */
export function envVarOf<T>(
  expected: string,
  parse: (raw: string) => T | undefined,
): EnvVarSchema<T> {
  return z.string({ error: () => expected }).transform((raw, ctx) => {
    const value = parse(raw.trim());
    if (value === undefined) {
      ctx.issues.push({ code: 'custom', message: expected, input: raw });
      return z.NEVER;
    }
    return value;
  });
}

const INTEGER = /^[0-9]+$/;

function parseInteger(raw: string, min: number, max: number): number | undefined {
  if (!INTEGER.test(raw)) return undefined;
  const value = Number(raw);
  return Number.isSafeInteger(value) && value >= min && value <= max ? value : undefined;
}

/** TCP port, an integer 1-65535. */
export function port(): EnvVarSchema<number> {
  return envVarOf('an integer port 1-65535', (raw) => parseInteger(raw, 1, 65535));
}

/** Integer of at least 1 (counts, sizes, limits). */
export function positiveInt(): EnvVarSchema<number> {
  return envVarOf('a positive integer', (raw) => parseInteger(raw, 1, Number.MAX_SAFE_INTEGER));
}

/** Positive integer number of milliseconds, written as a bare number (`5000`). */
export function milliseconds(): EnvVarSchema<number> {
  return envVarOf('a positive integer number of milliseconds', (raw) =>
    parseInteger(raw, 1, Number.MAX_SAFE_INTEGER),
  );
}

/** Whole number of milliseconds, 0 allowed (0 turns the feature off), written as a bare number. */
export function millisecondsOrZero(): EnvVarSchema<number> {
  return envVarOf('a whole number of milliseconds (0 turns it off)', (raw) =>
    parseInteger(raw, 0, Number.MAX_SAFE_INTEGER),
  );
}

const DURATION = /^([0-9]+)(ms|s|m|h)?$/;
const MS_PER_UNIT: Readonly<Record<string, number>> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 };

/** Duration such as `500ms`, `5s`, `2m`, `1h`; a bare number means milliseconds. Yields milliseconds. */
export function duration(): EnvVarSchema<number> {
  return envVarOf(
    'a duration such as 500ms, 5s, 2m or 1h (a bare number is milliseconds)',
    (raw) => {
      const match = DURATION.exec(raw);
      if (!match) return undefined;
      const amount = Number(match[1]) * (MS_PER_UNIT[match[2] ?? 'ms'] ?? 1);
      return Number.isSafeInteger(amount) && amount > 0 ? amount : undefined;
    },
  );
}

const TRUE_WORDS = new Set(['true', '1', 'yes', 'on']);
const FALSE_WORDS = new Set(['false', '0', 'no', 'off']);

/** Boolean: true/false, 1/0, yes/no, on/off (any case). */
export function boolean(): EnvVarSchema<boolean> {
  return envVarOf('true or false (also 1/0, yes/no, on/off)', (raw) => {
    const word = raw.toLowerCase();
    if (TRUE_WORDS.has(word)) return true;
    if (FALSE_WORDS.has(word)) return false;
    return undefined;
  });
}

/** One of a fixed set of words, compared exactly (case-sensitive). */
export function oneOf<const T extends readonly [string, ...string[]]>(
  values: T,
): EnvVarSchema<T[number]> {
  const allowed: ReadonlySet<string> = new Set(values);
  return envVarOf(`one of ${values.map((v) => JSON.stringify(v)).join(', ')}`, (raw) =>
    allowed.has(raw) ? (raw as T[number]) : undefined,
  );
}

/** Absolute URL whose scheme is one of `protocols` (without the colon), defaults to http and https. */
export function url(protocols: readonly string[] = ['http', 'https']): EnvVarSchema<string> {
  return envVarOf(`an absolute URL (${protocols.join(', ')})`, (raw) => {
    if (!URL.canParse(raw)) return undefined;
    const scheme = new URL(raw).protocol.replace(/:$/, '');
    return protocols.includes(scheme) ? raw : undefined;
  });
}

/** Non-empty string, returned trimmed. */
export function string(): EnvVarSchema<string> {
  return envVarOf('a non-empty string', (raw) => (raw.length > 0 ? raw : undefined));
}

/** Comma-separated list (`a, b,c`); items are trimmed, empty items dropped, at least one required. */
export function list(): EnvVarSchema<readonly string[]> {
  return envVarOf('a comma-separated list of at least one item', (raw) => {
    const items = raw
      .split(',')
      .map((item) => item.trim())
      .filter((item) => item.length > 0);
    return items.length > 0 ? items : undefined;
  });
}
