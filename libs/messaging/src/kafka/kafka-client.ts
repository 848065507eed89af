import { Kafka, logLevel, type LogEntry, type logCreator } from 'kafkajs';
import { silentLogger, type MessagingLogger } from './messaging-logger';
import { MessagingError } from './messaging-error';
import { fixRequestQueueIdleTimer } from './request-queue-fix';

export type { MessagingLogger } from './messaging-logger';

/** Options of {@link createMessagingClient}. */
export interface KafkaOptions {
  /** Bootstrap brokers, e.g. ['127.0.0.1:9092']. */
  readonly brokers: readonly string[];
  readonly clientId: string;
  /** Receives kafkajs's own log lines (levels mapped one to one); defaults to discarding them. */
  readonly logger?: MessagingLogger;
  /** TCP connect timeout per broker, in milliseconds; defaults to 3000. */
  readonly connectionTimeoutMs?: number;
  /**
   * Session timeout of every consumer made from this client, in milliseconds; defaults to 30000. After a crash
   * the group cannot hand the dead member's partitions on before it expires (the broker's minimum is 6000).
   */
  readonly sessionTimeoutMs?: number;
}

declare const messagingClientBrand: unique symbol;

/** A connection factory for one Kafka cluster; opaque so apps never depend on kafkajs. Cheap: connects lazily. */
export interface MessagingClient {
  readonly clientId: string;
  readonly brokers: readonly string[];
  readonly [messagingClientBrand]: true;
}

interface ClientInternals {
  readonly kafka: Kafka;
  readonly logger: MessagingLogger;
  readonly sessionTimeoutMs: number | undefined;
}

const internals = new WeakMap<MessagingClient, ClientInternals>();

const KAFKA_LEVEL_TO_METHOD: Record<number, keyof MessagingLogger> = {
  [logLevel.ERROR]: 'error',
  [logLevel.WARN]: 'warn',
  // kafkajs logs every join, pause and resume at INFO: routine for a retry tier, so debug.
  [logLevel.INFO]: 'debug',
  [logLevel.DEBUG]: 'debug',
};

function routeLogsTo(logger: MessagingLogger): logCreator {
  return () =>
    ({ namespace, level, log }: LogEntry) => {
      const { message, ...fields } = log;
      const method = KAFKA_LEVEL_TO_METHOD[level] ?? 'debug';
      logger[method]({ ...fields, kafkaNamespace: namespace }, `kafka: ${message}`);
    };
}

/** Creates a client for `brokers`; nothing connects until a publisher, consumer or admin call needs it. */
export function createMessagingClient(options: KafkaOptions): MessagingClient {
  if (options.brokers.length === 0) {
    throw new MessagingError('MESSAGING_INVALID_OPTIONS', 'brokers must list at least one broker');
  }
  const logger = options.logger ?? silentLogger;
  fixRequestQueueIdleTimer();
  const kafka = new Kafka({
    clientId: options.clientId,
    brokers: [...options.brokers],
    connectionTimeout: options.connectionTimeoutMs ?? 3000,
    logLevel: logLevel.INFO,
    logCreator: routeLogsTo(logger),
    // A broker restart or leader move is over within seconds; beyond that callers see the error.
    retry: { retries: 5, initialRetryTime: 300 },
  });
  const client = {
    clientId: options.clientId,
    brokers: [...options.brokers],
  } as unknown as MessagingClient; // the brand exists only in the type
  internals.set(client, { kafka, logger, sessionTimeoutMs: options.sessionTimeoutMs });
  return client;
}

/** The kafkajs instance behind a client (internal to this library). */
export function kafkaOf(client: MessagingClient): Kafka {
  return internalsOf(client).kafka;
}

/** The consumers' session timeout the client was created with, in ms (internal to this library). */
export function sessionTimeoutOf(client: MessagingClient): number | undefined {
  return internalsOf(client).sessionTimeoutMs;
}

/** The logger the client was created with (internal to this library). */
export function loggerOf(client: MessagingClient): MessagingLogger {
  return internalsOf(client).logger;
}

function internalsOf(client: MessagingClient): ClientInternals {
  const found = internals.get(client);
  if (found === undefined) {
    throw new MessagingError(
      'MESSAGING_INVALID_OPTIONS',
      'not a MessagingClient: create it with createMessagingClient',
    );
  }
  return found;
}

/** The Kafka variables of a service's configuration (libs/config's `kafkaEnvShape`). */
export interface KafkaEnvConfig {
  readonly GAARA_KAFKA_BROKERS: readonly string[];
  readonly GAARA_KAFKA_SESSION_TIMEOUT_MS: number;
}

/** {@link createMessagingClient} from a service's configuration. */
export function messagingClientFromConfig(
  config: KafkaEnvConfig,
  clientId: string,
  logger?: MessagingLogger,
): MessagingClient {
  return createMessagingClient({
    brokers: config.GAARA_KAFKA_BROKERS,
    clientId,
    logger,
    sessionTimeoutMs: config.GAARA_KAFKA_SESSION_TIMEOUT_MS,
  });
}
