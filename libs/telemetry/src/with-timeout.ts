/** Outcome of {@link settleWithin}: finished (even with an error) or gave up waiting. */
export type Settled =
  | { readonly status: 'done' }
  | { readonly status: 'failed'; readonly error: unknown }
  | { readonly status: 'timed-out' };

/**
 * Waits for `work` at most `timeoutMs` milliseconds. Never rejects; the timer does not keep the
 * process alive, and the work is not cancelled (it just stops being waited for).
 */
export async function settleWithin(work: Promise<unknown>, timeoutMs: number): Promise<Settled> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<Settled>((resolve) => {
    timer = setTimeout(() => resolve({ status: 'timed-out' }), timeoutMs);
    timer.unref();
  });
  const finished = work.then(
    (): Settled => ({ status: 'done' }),
    (error: unknown): Settled => ({ status: 'failed', error }),
  );
  try {
    return await Promise.race([finished, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
