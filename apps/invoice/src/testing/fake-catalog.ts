import { create } from '@bufbuild/protobuf';
import { catalogV1 } from '@gaara/contracts';
import {
  FailedPreconditionError,
  NotFoundError,
  startGrpcServer,
  type GrpcServer,
  withUnimplemented,
} from '@gaara/grpc';

/** Fields of a product the fake catalog serves; price in integer minor units. */
export interface FakeProduct {
  readonly id: string;
  readonly name: string;
  readonly priceMinor: bigint;
  readonly currency: string;
}

/**
 * A CatalogService stand-in for invoice's tests: products (100,000 units each) and reservations in memory, served
 * over real gRPC on loopback. Reservations are all-or-none and once per id, as the real catalog's.
 */
export interface FakeCatalog {
  /** `127.0.0.1:<port>` of its gRPC server. */
  readonly address: string;
  readonly server: GrpcServer;
  /** Makes `product` known to GetProduct and ListProducts. */
  addProduct(product: FakeProduct): void;
  /** Units still available of a product. */
  available(productId: string): number;
  /** Ids of the reservations given back with ReleaseReservation. */
  readonly released: readonly string[];
  /** Shuts the server down; safe to call twice. */
  stop(): Promise<void>;
}

const defaultProducts: readonly FakeProduct[] = [
  { id: 'prod-linen-apron', name: 'Linen Apron', priceMinor: 2499n, currency: 'EUR' },
  { id: 'prod-oak-board', name: 'Oak Cutting Board', priceMinor: 3999n, currency: 'EUR' },
  { id: 'prod-clay-mug', name: 'Clay Mug', priceMinor: 1299n, currency: 'EUR' },
  { id: 'prod-wool-throw', name: 'Wool Throw', priceMinor: 8999n, currency: 'EUR' },
  { id: 'prod-brass-lamp', name: 'Brass Lamp', priceMinor: 12999n, currency: 'EUR' },
];

/** Starts a fake catalog on an ephemeral port, seeded with five EUR products. */
export async function startFakeCatalog(): Promise<FakeCatalog> {
  const products = new Map<string, catalogV1.Product>();
  const addProduct = (product: FakeProduct): void => {
    products.set(
      product.id,
      create(catalogV1.ProductSchema, {
        ...product,
        sku: product.id.toUpperCase(),
        description: `${product.name}, for tests.`,
        category: 'home',
        stock: 100_000,
      }),
    );
  };
  defaultProducts.forEach(addProduct);
  const reservations = new Map<string, catalogV1.ReservationLine[]>();
  const released: string[] = [];
  const reservationOf = (id: string, lines: catalogV1.ReservationLine[]) =>
    create(catalogV1.ReservationSchema, {
      id,
      status: catalogV1.ReservationStatus.HELD,
      lines,
    });
  const server = await startGrpcServer({
    port: 0,
    handleSignals: false,
    shutdownTimeoutMs: 1000,
    services: [
      {
        service: catalogV1.CatalogService,
        implementation: withUnimplemented(catalogV1.CatalogService, {
          getProduct: ({ id }) => {
            const product = products.get(id);
            if (!product) throw new NotFoundError(`product ${id} not found`);
            return { product };
          },
          listProducts: ({ pageSize }) => ({
            products: [...products.values()].slice(0, pageSize || 20),
            nextPageToken: '',
          }),
          reserveStock: ({ reservationId, lines }) => {
            const held = reservations.get(reservationId);
            const reserved = held ?? lines;
            const found = reserved.map((l) => products.get(l.productId));
            if (found.some((p) => p === undefined)) throw new NotFoundError('no such product');
            if (held === undefined) {
              const short = lines.flatMap((l, index) => {
                const stock = products.get(l.productId)?.stock ?? 0;
                return stock < l.quantity
                  ? [{ field: `lines[${index}].quantity`, description: `${stock} available` }]
                  : [];
              });
              if (short.length > 0) throw new FailedPreconditionError('not enough stock', short);
              for (const l of lines) {
                const product = products.get(l.productId);
                if (product) product.stock -= l.quantity;
              }
              reservations.set(reservationId, lines);
            }
            return {
              reservation: reservationOf(reservationId, reserved),
              products: found.flatMap((p) => (p ? [p] : [])),
            };
          },
          releaseReservation: ({ reservationId }) => {
            const held = reservations.get(reservationId);
            if (!held) throw new NotFoundError(`reservation ${reservationId} not found`);
            released.push(reservationId);
            return { reservation: reservationOf(reservationId, held) };
          },
        }),
      },
    ],
  });
  return {
    address: `127.0.0.1:${server.port}`,
    server,
    addProduct,
    available: (id) => products.get(id)?.stock ?? 0,
    released,
    stop: () => server.shutdown(),
  };
}
