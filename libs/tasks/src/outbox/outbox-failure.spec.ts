import { isRowSpecificPublishError } from './outbox-failure';

/** Shapes kafkajs 2.2.4 throws (seen against a real broker): a protocol error wrapped by the retrier. */
const protocolError = (type: string, retriable: boolean) =>
  Object.assign(new Error(type), { name: 'KafkaJSProtocolError', type, retriable });
const wrapped = (name: string, cause: Error) =>
  Object.assign(new Error(cause.message), { name, retriable: false, cause });

describe('isRowSpecificPublishError', () => {
  it('condemns the rows for a non-retriable protocol error about the topic or the messages', () => {
    expect(
      isRowSpecificPublishError(
        wrapped('KafkaJSNonRetriableError', protocolError('INVALID_TOPIC_EXCEPTION', false)),
      ),
    ).toBe(true);
    expect(isRowSpecificPublishError(protocolError('MESSAGE_TOO_LARGE', false))).toBe(true);
  });

  it('treats retries running out, retriable causes and unknown errors as transient', () => {
    expect(
      isRowSpecificPublishError(
        wrapped(
          'KafkaJSNumberOfRetriesExceeded',
          protocolError('UNKNOWN_TOPIC_OR_PARTITION', true),
        ),
      ),
    ).toBe(false);
    expect(isRowSpecificPublishError(protocolError('TOPIC_AUTHORIZATION_FAILED', false))).toBe(
      false,
    );
    expect(isRowSpecificPublishError(new Error('Connection error: ECONNREFUSED'))).toBe(false);
    expect(isRowSpecificPublishError('a string')).toBe(false);
  });
});
