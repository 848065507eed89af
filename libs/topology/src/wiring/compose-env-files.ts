import { DEFAULT_PORTS } from '../default-ports';
import { serviceEnvironment, type Placement } from './service-environment';
import type { StoreProcessName } from './service-wiring';

/** The compose network: services reach each other by service name, on the default ports. */
export const COMPOSE_PLACEMENT: Placement = {
  bindHost: '0.0.0.0',
  ports: DEFAULT_PORTS,
  hostOf: (process) => process,
  databaseUrl: 'postgres://gaara:gaara@postgres:5432/gaara',
  kafkaBrokers: 'kafka:29092',
  otlpEndpoint: 'http://jaeger:4318',
  consoleSources: {
    prometheusUrl: 'http://prometheus:9090',
    jaegerQueryUrl: 'http://jaeger:16686',
  },
};

/** Processes that compose runs with a generated env file, in compose's order. */
export const COMPOSE_PROCESSES: readonly StoreProcessName[] = [
  'gateway',
  'catalog',
  'invoice',
  'aggregator',
  'payment',
  'notification',
  'sandbox',
];

/** Path of a process's env file, relative to the repository root (compose's `env_file`). */
export function composeEnvFilePath(name: StoreProcessName): string {
  return `infra/compose/${name}.env`;
}

/** The text of a process's compose env file: its derived environment, one `KEY=value` a line. */
export function renderComposeEnvFile(name: StoreProcessName): string {
  const lines = Object.entries(serviceEnvironment(name, COMPOSE_PLACEMENT)).map(
    ([key, value]) => `${key}=${value}`,
  );
  return `# Generated from libs/topology by npm run topology:generate; do not edit.\n${lines.join('\n')}\n`;
}
