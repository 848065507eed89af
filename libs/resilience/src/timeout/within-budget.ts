/**
 * The promise's value if it settles within `budgetMs` (in milliseconds), else `'late'`; rejections pass through.
 * The work is not cancelled: it goes on and its outcome is dropped (a late rejection is handled, never unhandled).
 * For answering a caller in time while idempotent work finishes anyway; cancelling a gRPC call instead sends an
 * RST_STREAM, and a Node server receiving more than nghttp2's rapid-reset limit (33 a second after a burst of
 * 1000) closes the whole connection with GOAWAY(INTERNAL_ERROR).
 */
export async function withinBudget<T>(promise: Promise<T>, budgetMs: number): Promise<T | 'late'> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<'late'>(
    (resolve) => (timer = setTimeout(() => resolve('late'), Math.max(0, budgetMs))),
  );
  try {
    const settled = await Promise.race([promise, late]);
    if (settled === 'late') promise.catch(() => undefined);
    return settled;
  } finally {
    clearTimeout(timer);
  }
}
