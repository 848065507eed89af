import { ControlValidationError } from '../errors';

/** Validates one field of a control body; returns the value to store or throws ControlValidationError. */
export type FieldParser = (value: unknown, field: string) => unknown;

/** Accepts integers from `min` to `max` inclusive. */
export function integerIn(min: number, max: number): FieldParser {
  return (value, field) => {
    if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
      throw new ControlValidationError(field, `must be an integer from ${min} to ${max}`);
    }
    return value;
  };
}

export const booleanField: FieldParser = (value, field) => {
  if (typeof value !== 'boolean') throw new ControlValidationError(field, 'must be true or false');
  return value;
};

/** Accepts a finite number from 0 to 1. */
export const rateField: FieldParser = (value, field) => {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0 || value > 1) {
    throw new ControlValidationError(field, 'must be a number from 0 to 1');
  }
  return value;
};

/** Accepts null or a cyclic pattern of `x` (fail) and `.` (succeed) of at most `maxLength` characters. */
export function patternField(maxLength: number): FieldParser {
  const pattern = new RegExp(`^[x.]{1,${maxLength}}$`);
  return (value, field) => {
    if (value === null) return null;
    if (typeof value !== 'string' || !pattern.test(value)) {
      throw new ControlValidationError(
        field,
        `must be null or 1 to ${maxLength} characters of "x" (fail) and "." (succeed)`,
      );
    }
    return value;
  };
}
