// Helpers of this package's specs; not exported from the package.

/** Polls until `check` holds; the bound only turns a broken test into a failure instead of a hang. */
export async function eventually(check: () => Promise<boolean>, timeoutMs = 2_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** A property of an unknown value; errors from Node's realm fail `instanceof` under Jest. */
export function propertyOf(value: unknown, key: string): unknown {
  return typeof value === 'object' && value !== null ? Reflect.get(value, key) : undefined;
}

/** fetch rejects with TypeError "fetch failed" when the connection fails or drops. */
export function isFetchFailure(error: unknown): boolean {
  return (
    propertyOf(error, 'name') === 'TypeError' && propertyOf(error, 'message') === 'fetch failed'
  );
}
