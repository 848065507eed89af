// Polling for what runs in the background or follows a fault, reporting why the last probe failed.

/** Errors of the test's own code (a typo, a wrong shape): retrying cannot help, so they fail at once. */
const PROGRAMMING_ERRORS = new Set(['TypeError', 'RangeError', 'ReferenceError', 'SyntaxError']);

function isProgrammingError(error: unknown): boolean {
  return error instanceof Error && PROGRAMMING_ERRORS.has(error.name);
}

function describeFailure(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * Resolves once `check` holds, polling every 25 ms; rejects after `timeoutMs` milliseconds (default 5000), so a
 * broken spec fails instead of hanging. A check may also throw (e.g. an `expect`): that counts as not holding
 * yet, and the timeout's error carries the last thrown message. A TypeError, RangeError, ReferenceError or
 * SyntaxError is a bug in the check and is rethrown at once.
 */
export async function eventually(
  check: () => Promise<boolean> | boolean,
  timeoutMs = 5000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    let lastFailure: unknown;
    try {
      if (await check()) return;
    } catch (error: unknown) {
      if (isProgrammingError(error)) throw error;
      lastFailure = error;
    }
    if (Date.now() > deadline) {
      const last =
        lastFailure === undefined ? 'the check was still false' : describeFailure(lastFailure);
      throw new Error(`condition not met within ${timeoutMs} ms; last: ${last}`, {
        cause: lastFailure,
      });
    }
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}
