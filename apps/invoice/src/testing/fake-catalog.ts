import { create } from '@bufbuild/protobuf';
import { catalogV1 } from '@gaara/contracts';
import { NotFoundError, startGrpcServer, type GrpcServer } from '@gaara/grpc';

/** Fields of a product the fake catalog serves; price in integer minor units. */
export interface FakeProduct {
  readonly id: string;
  readonly name: string;
  readonly priceMinor: bigint;
  readonly currency: string;
}

/** A CatalogService stand-in for invoice's tests: products in memory, served over real gRPC on loopback. */
export interface FakeCatalog {
  /** `127.0.0.1:<port>` of its gRPC server. */
  readonly address: string;
  readonly server: GrpcServer;
  /** Makes `product` known to GetProduct and ListProducts. */
  addProduct(product: FakeProduct): void;
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
        stock: 10,
      }),
    );
  };
  defaultProducts.forEach(addProduct);
  const server = await startGrpcServer({
    port: 0,
    handleSignals: false,
    shutdownTimeoutMs: 1000,
    services: [
      {
        service: catalogV1.CatalogService,
        implementation: {
          getProduct: ({ id }) => {
            const product = products.get(id);
            if (!product) throw new NotFoundError(`product ${id} not found`);
            return { product };
          },
          listProducts: ({ pageSize }) => ({
            products: [...products.values()].slice(0, pageSize || 20),
            nextPageToken: '',
          }),
        },
      },
    ],
  });
  return { address: `127.0.0.1:${server.port}`, server, addProduct, stop: () => server.shutdown() };
}
