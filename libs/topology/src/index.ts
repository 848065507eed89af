// Public API of @gaara/topology: the store's Kafka topics, retry tiers and consumer groups, declared once.
export {
  declaredTopics,
  INVOICE_DLT_TOPIC,
  NOTIFICATIONS_QUEUE,
  PAYMENT_EVENTS_TOPIC,
  PAYMENTS_QUEUE,
  STORE_TOPIC_PARTITIONS,
  tierTopics,
  type DeclaredTopic,
  type RetryQueue,
} from './retry-queues';
export { renderTopicsJson } from './topics-json';
export { paymentEventCodec } from './payment-events';
export {
  DEFAULT_PORTS,
  LOCAL_SANDBOX,
  localGrpcAddress,
  type GrpcServiceName,
} from './default-ports';
