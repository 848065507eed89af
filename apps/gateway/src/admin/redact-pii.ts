/** What every redacted value is replaced with. */
export const REDACTED = '[redacted]';

/** Fields whose values are personal data whatever they look like (e-mail recipients of our messages). */
const piiFields: ReadonlySet<string> = new Set([
  'receiptemail',
  'customeremail',
  'email',
  'recipient',
  'to',
]);

// Deliberately loose: a false positive only hides text from an operator, a miss leaks an address.
const emailLike = /[^\s@"'<>(),;:]+@[^\s@"'<>(),;:]+\.[^\s@"'<>(),;:]+/g;

/** `text` with every e-mail-like substring replaced by {@link REDACTED}. */
export function redactEmails(text: string): string {
  return text.replace(emailLike, REDACTED);
}

/** A JSON value with PII fields (any depth, names case-insensitive) and e-mail-like strings redacted. */
function redactJson(value: unknown): unknown {
  if (typeof value === 'string') return redactEmails(value);
  if (Array.isArray(value)) return value.map(redactJson);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value).map(([field, inner]) => [
        field,
        piiFields.has(field.toLowerCase()) ? REDACTED : redactJson(inner),
      ]),
    );
  }
  return value;
}

/**
 * A message's text as an operator may see it: JSON keeps its shape with PII fields and e-mail addresses
 * replaced by {@link REDACTED}; any other text has its e-mail addresses replaced.
 */
export function redactMessageText(text: string): string {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return redactEmails(text);
  }
  return JSON.stringify(redactJson(parsed));
}
