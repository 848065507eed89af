// Public API of @gaara/topology: the store's Kafka topics, retry tiers, consumer groups and default ports,
// declared once. Imports nothing: configuration modules load it before telemetry starts.
export {
  CATALOG_DLT_TOPIC,
  CATALOG_EVENTS_QUEUE,
  DEAD_LETTER_QUEUE_NAMES,
  DEAD_LETTER_QUEUES,
  declaredTopics,
  INVOICE_DLT_TOPIC,
  INVOICE_EVENTS_QUEUE,
  NOTIFICATIONS_QUEUE,
  PAYMENT_EVENTS_TOPIC,
  PAYMENTS_QUEUE,
  STORE_TOPIC_PARTITIONS,
  tierTopics,
  type DeadLetterQueue,
  type DeadLetterQueueName,
  type DeclaredTopic,
  type EventQueue,
  type RetryQueue,
} from './retry-queues';
export { renderTopicsJson } from './topics-json';
export { generatedFiles, type GeneratedFile } from './generated-files';
export {
  SERVICE_WIRING,
  type ServiceWiring,
  type StoreProcessName,
  type ThirdParty,
} from './wiring/service-wiring';
export {
  peerAddressVariable,
  retryDelaysVariable,
  serviceEnvironment,
  SERVICE_NODE_OPTIONS,
  type Placement,
} from './wiring/service-environment';
export type { PortPlan } from './wiring/port-plan';
export { COMPOSE_PLACEMENT, composeEnvFilePath } from './wiring/compose-env-files';
export {
  DEFAULT_PORTS,
  LOCAL_SANDBOX,
  localGrpcAddress,
  type GrpcServiceName,
} from './default-ports';
