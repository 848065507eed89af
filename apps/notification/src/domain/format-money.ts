/**
 * Formats an amount in integer minor units as "<major>.<minor> <CURRENCY>", e.g. 123456 EUR → "1234.56 EUR",
 * 500 JPY → "500 JPY". The currency's exponent comes from Intl; throws RangeError for an unknown currency.
 */
export function formatMinorUnits(amountMinor: bigint, currency: string): string {
  const code = currency.toUpperCase();
  const digits =
    new Intl.NumberFormat('en', { style: 'currency', currency: code }).resolvedOptions()
      .maximumFractionDigits ?? 2;
  const negative = amountMinor < 0n;
  const absolute = negative ? -amountMinor : amountMinor;
  const scale = 10n ** BigInt(digits);
  const major = (absolute / scale).toString();
  const minor = (absolute % scale).toString().padStart(digits, '0');
  const number = digits === 0 ? major : `${major}.${minor}`;
  return `${negative ? '-' : ''}${number} ${code}`;
}
