const EMAIL_ANYWHERE = /[^\s<>"'@]+@[^\s<>"'@]+/g;

/** Longest stored or logged error text, in characters. */
export const MAX_ERROR_LENGTH = 500;

/** Error text safe to store, log and put in headers: e-mail addresses masked, one line, at most 500 characters. */
export function sanitizeErrorText(text: string): string {
  return text
    .replace(EMAIL_ANYWHERE, '<address>')
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, MAX_ERROR_LENGTH);
}
