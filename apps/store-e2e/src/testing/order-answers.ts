// How an e2e client treats the order answers the API asks it to repeat.
import { call, eventually } from '../harness';

/**
 * True for a 503 the API asks to repeat with the same idempotencyKey: the order ran past its deadline
 * (ORDER_TIMEOUT) or was shed before any work (dependency `orders`). A client repeats these, so the specs do too
 * (a cold store on a busy CI machine can miss the 750 ms deadline on its first orders).
 */
export function isOrderToRepeat(answer: { status: number; body: unknown }): boolean {
  if (answer.status !== 503 || typeof answer.body !== 'object' || answer.body === null)
    return false;
  const body = answer.body as { code?: unknown; dependency?: unknown };
  return body.code === 'ORDER_TIMEOUT' || body.dependency === 'orders';
}

/**
 * True when an order answer says the order was placed: 202, or 200 when the answer came from a repeat (`repeats`
 * > 0: a repeat after ORDER_TIMEOUT replays the order its first attempt went on to place).
 */
export function isPlaced(answer: { status: number; repeats?: number }): boolean {
  return answer.status === 202 || (answer.status === 200 && (answer.repeats ?? 0) > 0);
}

/**
 * POST /api/orders at `gw`, repeated with the same body (so the same key) while the API asks to (see
 * isOrderToRepeat), 15 s at the most; `repeats` says how often it was repeated (see isPlaced).
 */
export async function postOrderAsClient(
  gw: string,
  body: object,
  headers?: Record<string, string>,
): Promise<Awaited<ReturnType<typeof call>> & { repeats: number }> {
  let attempts = 0;
  const answer = await eventually(
    'an order answered',
    () => {
      attempts += 1;
      return call(gw, '/api/orders', { method: 'POST', json: body, headers, timeoutMs: 15_000 });
    },
    (a) => !isOrderToRepeat(a),
    15_000,
    200,
  );
  return { ...answer, repeats: attempts - 1 };
}
