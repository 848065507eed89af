/**
 * Kafka error types that condemn the messages sent, never the broker's health: a retry can only fail the same way
 * (kafkajs marks each retriable: false).
 */
const ROW_SPECIFIC_KAFKA_ERRORS = new Set([
  'INVALID_TOPIC_EXCEPTION',
  'MESSAGE_TOO_LARGE',
  'RECORD_LIST_TOO_LARGE',
  'INVALID_RECORD',
]);

const MAX_CAUSE_DEPTH = 5;

/**
 * Whether a publish failure is the messages' fault, so their rows go to quarantine instead of being retried.
 * The rule: only a kafkajs protocol error (itself or in its `cause` chain, as kafkajs's retrier wraps it in
 * KafkaJSNonRetriableError) that is `retriable: false` AND of a type above; everything else (broker down,
 * timeouts, KafkaJSNumberOfRetriesExceeded, which is retriable: false too, authorization, unknown errors) is
 * transient and retried with backoff, because quarantining a healthy row on a broker outage would lose it.
 */
export function isRowSpecificPublishError(error: unknown): boolean {
  let current: unknown = error;
  for (
    let depth = 0;
    depth < MAX_CAUSE_DEPTH && typeof current === 'object' && current !== null;
    depth++
  ) {
    const { type, retriable, cause } = current as {
      type?: unknown;
      retriable?: unknown;
      cause?: unknown;
    };
    if (typeof type === 'string' && ROW_SPECIFIC_KAFKA_ERRORS.has(type) && retriable === false)
      return true;
    current = cause;
  }
  return false;
}
