import { declaredTopics } from '../retry-queues';
import { COMPOSE_PLACEMENT } from './compose-env-files';
import { serviceEnvironment, type Placement } from './service-environment';
import type { StoreProcessName } from './service-wiring';

/**
 * A Kubernetes namespace: as on compose's network, services reach each other by Service name on the default
 * ports; PostgreSQL, Kafka and Jaeger are the local overlay's StatefulSets (`postgres`, `kafka`, `jaeger`),
 * replaced in production by the overlay's endpoints of the operators' instances.
 */
export const K8S_PLACEMENT: Placement = {
  ...COMPOSE_PLACEMENT,
  // Never rendered: the URL carries the password, so pods read it from Secret gaara-database (key url).
  databaseUrl: 'postgres://gaara@postgres:5432/gaara',
  // One listener: no host outside the cluster needs its own.
  kafkaBrokers: 'kafka:9092',
  // Prometheus and a Jaeger query service are the cluster operator's; set GAARA_PROMETHEUS_URL / _JAEGER_QUERY_URL.
  consoleSources: undefined,
};

/** Variables that come from a Secret in Kubernetes, never from a generated ConfigMap. */
export const K8S_SECRET_VARIABLES: readonly string[] = ['GAARA_PG_URL'];

/** Variables every process shares (ConfigMap gaara-platform): what production points at its operators. */
export const K8S_PLATFORM_VARIABLES: readonly string[] = [
  'GAARA_KAFKA_BROKERS',
  'GAARA_OTLP_ENDPOINT',
];

/** Processes with a ConfigMap of their own: the store in the base, the sandbox in the local overlay only. */
export const K8S_PROCESSES: readonly StoreProcessName[] = [
  'gateway',
  'catalog',
  'invoice',
  'payment',
  'notification',
  'aggregator',
  'sandbox',
];

const header = '# Generated from libs/topology by npm run topology:generate; do not edit.';

/** Path of a process's env file (kustomize configMapGenerator `envs`), relative to the repository root. */
export function k8sEnvFilePath(name: StoreProcessName | 'platform'): string {
  return name === 'sandbox' ? 'infra/k8s/overlays/local/sandbox.env' : `infra/k8s/base/${name}.env`;
}

function envFile(entries: Array<[string, string]>): string {
  return `${header}\n${entries.map(([key, value]) => `${key}=${value}`).join('\n')}\n`;
}

/** A process's own variables in a cluster: its derived environment without the shared and secret ones. */
export function renderK8sEnvFile(name: StoreProcessName): string {
  const own = Object.entries(serviceEnvironment(name, K8S_PLACEMENT)).filter(
    ([key]) => !K8S_SECRET_VARIABLES.includes(key) && !K8S_PLATFORM_VARIABLES.includes(key),
  );
  return envFile(own);
}

/** The shared variables (Kafka brokers, OTLP endpoint) as every service derives them in the namespace. */
export function renderK8sPlatformEnvFile(): string {
  const shared = new Map<string, string>();
  for (const name of K8S_PROCESSES) {
    for (const [key, value] of Object.entries(serviceEnvironment(name, K8S_PLACEMENT))) {
      if (K8S_PLATFORM_VARIABLES.includes(key)) shared.set(key, value);
    }
  }
  return envFile([...shared]);
}

/** Path of the topic list the kafka-topics Job's script (kafka-topics.sh beside it) reads. */
export const k8sTopicsListPath = 'infra/k8s/base/kafka-topics.txt';

/** The topic list of Job kafka-topics: `<name> <partitions> [<config>=<value> …]`, one declared topic a line. */
export function renderK8sTopicsList(): string {
  const lines = declaredTopics().map((topic) =>
    [
      topic.name,
      String(topic.partitions),
      ...Object.entries(topic.config).map(([key, value]) => `${key}=${value}`),
    ].join(' '),
  );
  return `${header}\n${lines.join('\n')}\n`;
}
