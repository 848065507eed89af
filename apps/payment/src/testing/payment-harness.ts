import { randomBytes } from 'node:crypto';
import { fromJsonString } from '@bufbuild/protobuf';
import { paymentV1 } from '@gaara/contracts';
import { createDatabase, runMigrations, type Knex } from '@gaara/db';
import { dropSchema, testDatabaseUrl, uniqueSchemaName } from '@gaara/db/testing';
import { createClient, type GrpcClient } from '@gaara/grpc';
import {
  connectPublisher,
  createMessagingClient,
  startEventConsumer,
  type EventConsumer,
  type MessagingClient,
  type Publisher,
} from '@gaara/messaging';
import { BreakerRegistry } from '@gaara/resilience';
import { defaultPaymentKey, startSandbox, type RunningSandbox } from '@gaara/sandbox';
import { PAYMENT_EVENT_TYPE } from '../charging/payment-messages';
import { paymentMigrations } from '../data/payment-migrations';
import { startPaymentService, type RunningPaymentService } from '../payment-service';
import { HttpPaymentProvider } from '../provider/http-payment-provider';

/** Options of {@link startPaymentHarness}. */
export interface PaymentHarnessOptions {
  /** Retry tiers; short in tests. */
  readonly retryDelays: string;
  /** Lease, in ms. */
  readonly leaseMs: number;
}

/** The payment service in-process on a unique schema and topic prefix, the sandbox provider and a client. */
export interface PaymentHarness {
  readonly db: Knex;
  readonly service: RunningPaymentService;
  readonly sandbox: RunningSandbox;
  readonly client: GrpcClient<typeof paymentV1.PaymentService>;
  readonly messaging: MessagingClient;
  readonly publisher: Publisher;
  readonly registry: BreakerRegistry;
  /** Every PaymentEvent seen on payments.events so far. */
  readonly events: paymentV1.PaymentEvent[];
  /** Before each scenario: no provider faults and a closed `payment` breaker (earlier failures must not steer it). */
  reset(): Promise<void>;
  stop(): Promise<void>;
}

/** Starts everything against the local stack's PostgreSQL and Kafka (never mocked). */
export async function startPaymentHarness(options: PaymentHarnessOptions): Promise<PaymentHarness> {
  const schema = uniqueSchemaName('payment');
  const prefix = `t${randomBytes(4).toString('hex')}.`;
  const db = createDatabase({
    url: testDatabaseUrl(),
    schema,
    pool: { min: 0, max: 10 },
    connectTimeoutMs: 2000,
  });
  await runMigrations(db, { schema, migrations: paymentMigrations });
  const sandbox = await startSandbox();
  const messaging = createMessagingClient({
    brokers: (process.env['GAARA_KAFKA_BROKERS'] ?? '127.0.0.1:9092').split(','),
    clientId: `payment-test-${prefix}`,
  });
  const registry = new BreakerRegistry();
  const service = await startPaymentService({
    db,
    messaging,
    provider: new HttpPaymentProvider({
      baseUrl: sandbox.providers.payment.url,
      apiKey: defaultPaymentKey,
    }),
    topicPrefix: prefix,
    retryDelays: options.retryDelays,
    leaseMs: options.leaseMs,
    breakerOpenMs: 1000,
    sweepIntervalMs: 250,
    port: 0,
    registry,
  });
  await service.messagingStarted;
  const publisher = await connectPublisher(messaging);
  const events: paymentV1.PaymentEvent[] = [];
  const consumer: EventConsumer = await startEventConsumer({
    client: messaging,
    publisher,
    groupId: `${prefix}payment-test.events`,
    topic: service.eventsTopic,
    deadLetterTopic: `${prefix}payment-test.events.dlt`,
    types: [PAYMENT_EVENT_TYPE],
    handle: async (event) => {
      events.push(fromJsonString(paymentV1.PaymentEventSchema, event.value));
    },
  });
  const client = createClient(paymentV1.PaymentService, `127.0.0.1:${service.port}`);
  return {
    db,
    service,
    sandbox,
    client,
    messaging,
    publisher,
    registry,
    events,
    reset: async () => {
      await sandbox.controls.setFaults('payment', { failNext: 0, errorRate: 0 });
      registry.reset('payment');
    },
    stop: async () => {
      client.close();
      await consumer.stop();
      await service.stop();
      await publisher.disconnect();
      await sandbox.close();
      await dropSchema(db, schema);
      await db.destroy();
    },
  };
}
