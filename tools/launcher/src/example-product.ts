import { pollUntil } from './health';

/** The id of the first in-stock product the gateway lists, polled for up to `timeoutMs` (defaults to 10000). */
export async function firstProductInStock(
  gatewayUrl: string,
  timeoutMs = 10_000,
): Promise<string | undefined> {
  let found: string | undefined;
  await pollUntil(async () => {
    try {
      const response = await fetch(`${gatewayUrl}/api/products?pageSize=50`, {
        signal: AbortSignal.timeout(2000),
      });
      if (!response.ok) return false;
      const page = (await response.json()) as { products?: Array<{ id: string; stock: number }> };
      found = page.products?.find((product) => product.stock > 0)?.id;
      return found !== undefined;
    } catch {
      return false;
    }
  }, timeoutMs);
  return found;
}
