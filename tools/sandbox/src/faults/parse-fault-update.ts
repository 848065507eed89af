import { ControlValidationError } from '../errors';
import { type FaultUpdate, maxErrorPatternLength, maxLatencyMs } from './fault-settings';

type Mutable<T> = { -readonly [K in keyof T]: T[K] };
type FieldParser = (value: unknown, field: string) => unknown;

function integerIn(min: number, max: number): FieldParser {
  return (value, field) => {
    if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
      throw new ControlValidationError(field, `must be an integer from ${min} to ${max}`);
    }
    return value;
  };
}

const booleanField: FieldParser = (value, field) => {
  if (typeof value !== 'boolean') throw new ControlValidationError(field, 'must be true or false');
  return value;
};

const rateField: FieldParser = (value, field) => {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0 || value > 1) {
    throw new ControlValidationError(field, 'must be a number from 0 to 1');
  }
  return value;
};

const patternField: FieldParser = (value, field) => {
  if (value === null) return null;
  const pattern = new RegExp(`^[x.]{1,${maxErrorPatternLength}}$`);
  if (typeof value !== 'string' || !pattern.test(value)) {
    throw new ControlValidationError(
      field,
      `must be null or 1 to ${maxErrorPatternLength} characters of "x" (fail) and "." (succeed)`,
    );
  }
  return value;
};

const parsers: Readonly<Record<keyof FaultUpdate, FieldParser>> = {
  errorRate: rateField,
  errorStatus: integerIn(400, 599),
  latencyMs: integerIn(0, maxLatencyMs),
  hang: booleanField,
  down: booleanField,
  failNext: integerIn(0, 1_000_000),
  errorPattern: patternField,
  seed: integerIn(0, 4_294_967_295),
  reset: booleanField,
};

function isFaultField(key: string): key is keyof FaultUpdate {
  return Object.hasOwn(parsers, key);
}

/**
 * Validates a control request body into a fault update.
 * @throws ControlValidationError naming the first offending field (`body` when it is not an object).
 */
export function parseFaultUpdate(body: unknown): FaultUpdate {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new ControlValidationError('body', 'must be a JSON object');
  }
  const update: Mutable<FaultUpdate> = {};
  for (const [key, value] of Object.entries(body)) {
    if (!isFaultField(key)) throw new ControlValidationError(key, 'is not a known fault field');
    (update as Record<string, unknown>)[key] = parsers[key](value, key);
  }
  return update;
}
