import {
  classifyPolicyError,
  isTransientSocketError,
  readProperty,
  type Classification,
} from './classification';

/** Reads an HTTP status from the usual places: `status`, `statusCode`, `response.status`. */
function httpStatus(error: unknown): number | undefined {
  for (const value of [
    readProperty(error, 'status'),
    readProperty(error, 'statusCode'),
    readProperty(readProperty(error, 'response'), 'status'),
  ]) {
    if (typeof value === 'number') {
      return value;
    }
  }
  return undefined;
}

/** True for connection-level failures of Node's http module and of undici's fetch (`UND_ERR_*`). */
function isConnectionError(error: unknown): boolean {
  if (isTransientSocketError(error)) {
    return true;
  }
  const code = readProperty(error, 'code');
  if (typeof code === 'string' && code.startsWith('UND_ERR_')) {
    return true;
  }
  // fetch wraps the socket error: TypeError('fetch failed') with the real one as `cause`.
  const cause = readProperty(error, 'cause');
  return cause !== undefined && cause !== error && isConnectionError(cause);
}

/**
 * Classifies an error from an HTTP call: 5xx and 429 are transient (501 is a permanent failure), other 4xx are
 * the caller's; connection errors (ECONNREFUSED, ECONNRESET, ETIMEDOUT, EPIPE, EAI_AGAIN, undici `UND_ERR_*`)
 * and abort/timeout errors are transient. The retry loop never retries once the caller's own signal aborted.
 */
export function classifyHttpError(error: unknown): Classification {
  const own = classifyPolicyError(error);
  if (own) {
    return own;
  }
  const status = httpStatus(error);
  if (status !== undefined) {
    if (status === 429 || (status >= 500 && status !== 501)) {
      return 'transient';
    }
    return status === 501 ? 'failure' : 'caller';
  }
  const name = readProperty(error, 'name');
  if (name === 'AbortError' || name === 'TimeoutError' || isConnectionError(error)) {
    return 'transient';
  }
  return 'failure';
}
