/** The command line is wrong; the CLI prints the usage and exits 2. */
export class UsageError extends Error {
  public readonly code = 'USAGE';

  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

/** No Kafka broker answered; the CLI exits 1. */
export class KafkaUnreachableError extends Error {
  public readonly code = 'KAFKA_UNREACHABLE';

  constructor(brokers: readonly string[]) {
    super(`Kafka is unreachable at ${brokers.join(',')}`);
    this.name = 'KafkaUnreachableError';
  }
}
