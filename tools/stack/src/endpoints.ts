// Connection defaults of the local stack, from the same variables and defaults as tools/stack/stack.

function port(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1 || value > 65535) {
    throw new Error(`${name} must be a TCP port number, got "${raw}"`);
  }
  return value;
}

export interface StackEndpoints {
  /** PostgreSQL URL of the application role and database. */
  readonly postgresUrl: string;
  readonly kafkaBrokers: readonly string[];
  /**
   * The broker's chaos listener (`host:port`, for toxiproxy's upstream) and the proxy address it advertises
   * (`host:port`, what clients under `npm run chaos` bootstrap from).
   */
  readonly kafkaChaos: { readonly listener: string; readonly advertised: string };
  /** Jaeger UI and query API (`/api/services`, `/api/traces`). */
  readonly jaegerQueryUrl: string;
  /** OTLP gRPC receiver as host:port. */
  readonly jaegerOtlpGrpc: string;
  /** OTLP HTTP receiver base URL (traces at `/v1/traces`). */
  readonly jaegerOtlpHttpUrl: string;
  /** Prometheus UI and HTTP API (`/api/v1/targets`, `/api/v1/alerts`, `/api/v1/query`). */
  readonly prometheusUrl: string;
}

/** Reads the endpoints when called, so a caller may set the variables first. */
export function stackEndpoints(env: NodeJS.ProcessEnv = process.env): StackEndpoints {
  return {
    postgresUrl: `postgres://gaara:gaara@127.0.0.1:${port(env, 'GAARA_PG_PORT', 5432)}/gaara`,
    kafkaBrokers: [`127.0.0.1:${port(env, 'GAARA_KAFKA_PORT', 9092)}`],
    kafkaChaos: {
      listener: `127.0.0.1:${port(env, 'GAARA_KAFKA_CHAOS_PORT', 9094)}`,
      advertised: `127.0.0.1:${port(env, 'GAARA_KAFKA_CHAOS_PROXY_PORT', 9095)}`,
    },
    jaegerQueryUrl: `http://127.0.0.1:${port(env, 'GAARA_JAEGER_QUERY_PORT', 16686)}`,
    jaegerOtlpGrpc: `127.0.0.1:${port(env, 'GAARA_JAEGER_OTLP_GRPC_PORT', 4317)}`,
    jaegerOtlpHttpUrl: `http://127.0.0.1:${port(env, 'GAARA_JAEGER_OTLP_HTTP_PORT', 4318)}`,
    prometheusUrl: `http://127.0.0.1:${port(env, 'GAARA_PROMETHEUS_PORT', 9090)}`,
  };
}
