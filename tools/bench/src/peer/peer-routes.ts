// The peer baseline's two routes, the plainest way to serve them: one SELECT for a product, one transaction
// for an order (prices read from products, one invoice row with its lines). No gRPC, no Kafka, no payment.
import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import type { Pool } from 'pg';

interface OrderBody {
  readonly customerId: string;
  readonly customerEmail: string;
  readonly idempotencyKey?: string;
  readonly paymentMethod: string;
  readonly items: readonly { readonly productId: string; readonly quantity: number }[];
}

const uuidPattern = '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$';

/** One order line: a product of the peer's table and 1..1000 units. */
const lineSchema = {
  type: 'object',
  required: ['productId', 'quantity'],
  properties: {
    productId: { type: 'string', pattern: uuidPattern },
    quantity: { type: 'integer', minimum: 1, maximum: 1000 },
  },
} as const;

// Validated by a JSON schema in Fastify as the gateway validates its orders, so the peer pays for the same
// kind of check (with looser string rules: the peer only ever sees the bench's own orders).
const orderSchema = {
  type: 'object',
  required: ['customerId', 'customerEmail', 'items', 'paymentMethod'],
  properties: {
    customerId: { type: 'string', minLength: 1, maxLength: 64 },
    customerEmail: { type: 'string', maxLength: 254 },
    idempotencyKey: { type: 'string', minLength: 8, maxLength: 128 },
    paymentMethod: { type: 'string', pattern: '^tok_' },
    items: { type: 'array', minItems: 1, maxItems: 50, items: lineSchema },
  },
} as const;

/** Units per product id: repeated lines of one product become one line, as the invoice's key requires. */
function quantities(items: OrderBody['items']): Map<string, number> {
  const result = new Map<string, number>();
  for (const item of items)
    result.set(item.productId, (result.get(item.productId) ?? 0) + item.quantity);
  return result;
}

/** GET /api/products/:id and POST /api/orders on `pool` (search_path = the peer's schema). */
export function registerPeerRoutes(app: FastifyInstance, pool: Pool): void {
  app.get<{ Params: { id: string } }>('/api/products/:id', async (request, reply) => {
    if (!new RegExp(uuidPattern).test(request.params.id))
      return reply.code(404).send({ error: 'NOT_FOUND' });
    const { rows } = await pool.query(
      'select id, sku, name, description, category, price_minor, currency, stock from products where id = $1',
      [request.params.id],
    );
    if (rows.length === 0) return reply.code(404).send({ error: 'NOT_FOUND' });
    return rows[0] as unknown;
  });

  app.post<{ Body: OrderBody }>(
    '/api/orders',
    { schema: { body: orderSchema } },
    async (request, reply) => {
      const body = request.body;
      const wanted = quantities(body.items);
      const key = body.idempotencyKey ?? randomUUID();
      const client = await pool.connect();
      try {
        await client.query('begin');
        const prices = await client.query<{ id: string; price_minor: string; currency: string }>(
          'select id, price_minor, currency from products where id = any($1::uuid[])',
          [[...wanted.keys()]],
        );
        if (prices.rows.length !== wanted.size) {
          await client.query('rollback');
          return reply.code(404).send({ error: 'UNKNOWN_PRODUCT' });
        }
        const total = prices.rows.reduce(
          (sum, p) => sum + Number(p.price_minor) * (wanted.get(p.id) ?? 0),
          0,
        );
        const id = randomUUID();
        const inserted = await client.query(
          `insert into invoices (id, idempotency_key, customer_id, customer_email, total_minor, currency, status)
         values ($1, $2, $3, $4, $5, $6, 'pending') on conflict (idempotency_key) do nothing returning id`,
          [id, key, body.customerId, body.customerEmail, total, prices.rows[0].currency],
        );
        if (inserted.rowCount === 0) {
          // The key was used before: answer with that invoice, as the store does (200, not a new one).
          await client.query('rollback');
          const existing = await pool.query(
            'select id, total_minor, currency, status from invoices where idempotency_key = $1',
            [key],
          );
          return reply.code(200).send({ invoice: existing.rows[0] as unknown });
        }
        await client.query(
          `insert into invoice_lines (invoice_id, product_id, quantity, unit_price_minor)
         select $1, p.id, q.quantity, p.price_minor
           from unnest($2::uuid[], $3::int[]) as q(product_id, quantity) join products p on p.id = q.product_id`,
          [id, [...wanted.keys()], [...wanted.values()]],
        );
        await client.query('commit');
        return reply.code(202).send({
          invoice: { id, status: 'pending', totalMinor: total, currency: prices.rows[0].currency },
        });
      } catch (error: unknown) {
        await client.query('rollback').catch(() => undefined);
        throw error;
      } finally {
        client.release();
      }
    },
  );
}
