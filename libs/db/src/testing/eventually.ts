/**
 * Resolves once `check` resolves true, polling every 25 ms; rejects after `timeoutMs` (in milliseconds,
 * default 5000). For waiting on health to follow a connection cut with {@link startTcpProxy}.
 */
export async function eventually(
  check: () => Promise<boolean> | boolean,
  timeoutMs = 5000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}
