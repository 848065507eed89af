import type { MessagingLogger } from '@gaara/messaging';
import type { ResilienceLogger } from '@gaara/resilience';

/** Routes Kafka client logs to the gateway's logger; debug lines are dropped (kafkajs is chatty). */
export function kafkaLogger(logger: ResilienceLogger): MessagingLogger {
  return {
    debug: () => undefined,
    info: (obj, msg) => logger.info(obj, msg),
    warn: (obj, msg) => logger.warn(obj, msg),
    error: (obj, msg) => logger.error(obj, msg),
  };
}
