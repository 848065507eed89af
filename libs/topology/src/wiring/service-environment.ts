import type { GrpcServiceName } from '../default-ports';
import type { RetryQueue } from '../retry-queues';
import type { PortPlan } from './port-plan';
import { sandboxUrls } from './sandbox-urls';
import { SERVICE_WIRING, type StoreProcessName } from './service-wiring';

/** Where the store runs: one machine (npm start, tests) or a container network (compose). */
export interface Placement {
  /** Interface the servers bind: 127.0.0.1 on one machine, 0.0.0.0 in a container. */
  readonly bindHost: string;
  readonly ports: PortPlan;
  /** Host name another process reaches `process` at: 127.0.0.1 locally, its service name in compose. */
  hostOf(process: StoreProcessName): string;
  readonly databaseUrl: string;
  /** Comma-separated brokers; omitted leaves the services' default (the local stack's). */
  readonly kafkaBrokers?: string;
  /** OTLP http base URL; omitted leaves the services' default (the local stack's Jaeger). */
  readonly otlpEndpoint?: string;
  /** Where the gateway's console reads alerts, plots and traces; omitted leaves its defaults (the local stack's). */
  readonly consoleSources?: { readonly prometheusUrl: string; readonly jaegerQueryUrl: string };
}

/**
 * V8's heap bounds for every service, as NODE_OPTIONS: an 8 MB young-generation semi-space (V8 grows it to 16 MB
 * or more, three of which a process keeps) and a 160 MB old generation, ~4× a service's live heap. Issue #10: RSS
 * after orders 230–310 MB with V8's defaults, ≤ 170 MB with these; a 2 MB semi-space held ≤ 162 MB but cost ~25 %
 * more CPU per order in scavenges.
 */
export const SERVICE_NODE_OPTIONS = '--max-semi-space-size=8 --max-old-space-size=160';

/** The variable of a queue's tier delays: `payments` → GAARA_PAYMENT_RETRY_DELAYS. */
export function retryDelaysVariable(queue: RetryQueue): string {
  return `GAARA_${queue.name.replace(/s$/, '').toUpperCase()}_RETRY_DELAYS`;
}

/** The variable of a peer's address: `catalog` → GAARA_CATALOG_ADDR. */
export function peerAddressVariable(peer: GrpcServiceName): string {
  return `GAARA_${peer.toUpperCase()}_ADDR`;
}

function sandboxEnvironment(place: Placement): Record<string, string> {
  const ports = place.ports.sandbox;
  return {
    GAARA_SANDBOX_HOST: place.bindHost,
    GAARA_SANDBOX_PORT: String(ports.control),
    GAARA_SANDBOX_EXTERNAL_PORT: String(ports.external),
    GAARA_SANDBOX_PAYMENT_PORT: String(ports.payment),
    GAARA_SANDBOX_SMTP_PORT: String(ports.smtp),
  };
}

/** Each third party's variable, and the key of its URL in {@link sandboxUrls}. */
const thirdPartyVariable = {
  paymentProvider: ['GAARA_PAYMENT_PROVIDER_URL', 'paymentProviderUrl'],
  smtp: ['GAARA_SMTP_URL', 'smtpUrl'],
  externalApi: ['GAARA_EXTERNAL_API_URL', 'externalApiUrl'],
} as const;

/**
 * The GAARA_* environment of one process in `place`, from its declared wiring: its server, schema, Kafka,
 * peers' addresses, third-party URLs and tier delays. The launcher and compose's env files both use it.
 */
export function serviceEnvironment(
  name: StoreProcessName,
  place: Placement,
): Record<string, string> {
  if (name === 'sandbox') return sandboxEnvironment(place);
  const wiring = SERVICE_WIRING[name];
  const env: Record<string, string> = {
    GAARA_SERVICE_NAME: name,
    NODE_OPTIONS: SERVICE_NODE_OPTIONS,
  };
  if (name === 'gateway') {
    env['GAARA_HTTP_HOST'] = place.bindHost;
    env['GAARA_HTTP_PORT'] = String(place.ports.gateway.http);
    if (place.consoleSources !== undefined) {
      env['GAARA_PROMETHEUS_URL'] = place.consoleSources.prometheusUrl;
      env['GAARA_JAEGER_QUERY_URL'] = place.consoleSources.jaegerQueryUrl;
    }
  } else {
    env['GAARA_GRPC_HOST'] = place.bindHost;
    env['GAARA_GRPC_PORT'] = String(place.ports[name].grpc);
    env['GAARA_METRICS_PORT'] = String(place.ports[name].metrics);
  }
  if (place.otlpEndpoint !== undefined) env['GAARA_OTLP_ENDPOINT'] = place.otlpEndpoint;
  if (wiring.database) {
    env['GAARA_PG_URL'] = place.databaseUrl;
    env['GAARA_PG_SCHEMA'] = name;
  }
  if (wiring.kafka && place.kafkaBrokers !== undefined)
    env['GAARA_KAFKA_BROKERS'] = place.kafkaBrokers;
  for (const peer of wiring.peers) {
    env[peerAddressVariable(peer)] = `${place.hostOf(peer)}:${place.ports[peer].grpc}`;
  }
  const urls = sandboxUrls(place.hostOf('sandbox'), place.ports.sandbox);
  for (const party of wiring.thirdParties) {
    const [variable, key] = thirdPartyVariable[party];
    env[variable] = urls[key];
  }
  for (const queue of wiring.retryQueues) env[retryDelaysVariable(queue)] = queue.delays;
  return env;
}
