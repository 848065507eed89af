/**
 * The one list of what the store runs: every process `npm start` launches, in start order, with the Nx
 * project that builds it. What `npm start` builds is derived from this list (see `list-projects.ts`).
 */
export const storeServices = [
  {
    name: 'sandbox',
    project: '@gaara/sandbox',
    root: 'tools/sandbox',
    probe: 'http',
    database: false,
  },
  {
    name: 'catalog',
    project: '@gaara/catalog',
    root: 'apps/catalog',
    probe: 'grpc',
    database: true,
  },
  {
    name: 'invoice',
    project: '@gaara/invoice',
    root: 'apps/invoice',
    probe: 'grpc',
    database: true,
  },
  {
    name: 'payment',
    project: '@gaara/payment',
    root: 'apps/payment',
    probe: 'grpc',
    database: true,
  },
  {
    name: 'notification',
    project: '@gaara/notification',
    root: 'apps/notification',
    probe: 'grpc',
    database: true,
  },
  {
    name: 'aggregator',
    project: '@gaara/aggregator',
    root: 'apps/aggregator',
    probe: 'grpc',
    database: false,
  },
  {
    name: 'gateway',
    project: '@gaara/gateway',
    root: 'apps/gateway',
    probe: 'http',
    database: false,
  },
] as const;

export type StoreService = (typeof storeServices)[number];
export type ServiceName = StoreService['name'];

/** The store's processes, in start order. */
export const serviceNames: readonly ServiceName[] = storeServices.map((s) => s.name);

/** Services that may run as several instances: they share work through Kafka consumer groups. */
export const replicableServices = ['invoice', 'payment', 'notification'] as const;
export type ReplicableService = (typeof replicableServices)[number];

/** The Nx projects `npm start` builds: every launched service and the launcher itself. */
export function storeProjects(): string[] {
  return [...storeServices.map((s) => s.project), '@gaara/launcher'];
}

/** The service's record; throws for an unknown name. */
export function storeService(name: ServiceName): StoreService {
  const found = storeServices.find((s) => s.name === name);
  if (found === undefined) throw new Error(`unknown service ${name}`);
  return found;
}
