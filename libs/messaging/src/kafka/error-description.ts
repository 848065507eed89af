/** An error reduced to what may travel in headers and logs. */
export interface ErrorDescription {
  /** Class name, with the error's `code` when it has one, e.g. "ProviderError:card_declined". */
  readonly errorClass: string;
  /** At most 500 characters, control characters replaced. */
  readonly message: string;
}

const MAX_MESSAGE_LENGTH = 500;
const MAX_CLASS_LENGTH = 120;

/** Replaces control characters (header values must be one line) and truncates to `maxLength`. */
export function sanitizeHeaderText(text: string, maxLength = MAX_MESSAGE_LENGTH): string {
  // eslint-disable-next-line no-control-regex -- control characters are exactly what is removed
  const oneLine = text.replace(/[\u0000-\u001f\u007f]+/g, ' ').trim();
  return oneLine.length <= maxLength ? oneLine : `${oneLine.slice(0, maxLength - 1)}…`;
}

/** Describes any thrown value for the last-error headers. */
export function describeError(error: unknown): ErrorDescription {
  if (error instanceof Error) {
    const code = (error as { code?: unknown }).code;
    const name = error.name !== '' ? error.name : error.constructor.name;
    const errorClass =
      typeof code === 'string' || typeof code === 'number' ? `${name}:${String(code)}` : name;
    return {
      errorClass: sanitizeHeaderText(errorClass, MAX_CLASS_LENGTH).replace(/[^\w.:-]/g, '_'),
      message: sanitizeHeaderText(error.message),
    };
  }
  return { errorClass: typeof error, message: sanitizeHeaderText(String(error)) };
}
