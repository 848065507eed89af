/**
 * Field names whose values never reach a log line (card data, credentials, personal data).
 * `*` matches any characters; matching ignores case, so `card*` also covers `cardNumber` and `CardCvc`.
 */
export const SENSITIVE_KEY_GLOBS: readonly string[] = [
  'card*',
  '*cardnumber*',
  '*card_number*',
  'cvc',
  'cvv',
  'pan',
  '*token*',
  '*secret*',
  '*password*',
  'passwd',
  '*apikey*',
  '*api_key*',
  'authorization',
  'proxy-authorization',
  'cookie',
  'set-cookie',
  '*email*',
];

/** What a redacted value is replaced with. */
export const REDACTED = '[REDACTED]';

/** Deepest nesting inspected; a log object deeper than this is cut rather than walked forever. */
const MAX_DEPTH = 8;

function globToRegExp(glob: string): RegExp {
  const body = glob
    .split('*')
    .map((part) => part.replace(/[.+?^${}()|[\]\\-]/g, '\\$&'))
    .join('.*');
  return new RegExp(`^${body}$`, 'i');
}

const SENSITIVE_KEY = new RegExp(
  SENSITIVE_KEY_GLOBS.map((glob) => globToRegExp(glob).source).join('|'),
  'i',
);

/** Whether a field with this name is redacted in logs. */
export function isSensitiveKey(key: string): boolean {
  return SENSITIVE_KEY.test(key);
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null) return false;
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/**
 * Copy of `value` with every sensitive field (at any depth of plain objects and arrays) replaced by
 * {@link REDACTED}. Other objects (errors, dates, buffers) are passed through untouched.
 */
export function redactSensitive<T>(value: T, depth = 0): T {
  if (depth > MAX_DEPTH) return value;
  if (Array.isArray(value))
    return value.map((item: unknown) => redactSensitive(item, depth + 1)) as T;
  if (!isPlainObject(value)) return value;
  const copy: Record<string, unknown> = {};
  for (const [key, child] of Object.entries(value)) {
    copy[key] = isSensitiveKey(key) ? REDACTED : redactSensitive(child, depth + 1);
  }
  return copy as T;
}
