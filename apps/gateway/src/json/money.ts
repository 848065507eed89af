import { MoneyOutOfRangeError } from '../errors/gateway-errors';

/**
 * Money crosses the gateway as JSON integers of minor units (1999 = 19.99), never floats or strings.
 * Amounts beyond 2^53 - 1 cannot be exact JSON numbers and are refused rather than rounded.
 */
export function minorUnits(amount: bigint): number {
  const value = Number(amount);
  if (!Number.isSafeInteger(value)) throw new MoneyOutOfRangeError();
  return value;
}
