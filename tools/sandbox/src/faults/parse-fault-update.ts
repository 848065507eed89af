import { ControlValidationError } from '../errors';
import {
  booleanField,
  type FieldParser,
  integerIn,
  patternField,
  rateField,
} from './field-parsers';
import { type FaultUpdate, maxErrorPatternLength, maxLatencyMs } from './fault-settings';

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/** Validators of every fault field, shared by every provider. */
export const faultFieldParsers: Readonly<Record<keyof FaultUpdate, FieldParser>> = {
  errorRate: rateField,
  errorStatus: integerIn(400, 599),
  latencyMs: integerIn(0, maxLatencyMs),
  hang: booleanField,
  down: booleanField,
  failNext: integerIn(0, 1_000_000),
  errorPattern: patternField(maxErrorPatternLength),
  seed: integerIn(0, 4_294_967_295),
  reset: booleanField,
};

/** True when `key` names a fault field (as opposed to a provider setting). */
export function isFaultField(key: string): key is keyof FaultUpdate {
  return Object.hasOwn(faultFieldParsers, key);
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
    (update as Record<string, unknown>)[key] = faultFieldParsers[key](value, key);
  }
  return update;
}
