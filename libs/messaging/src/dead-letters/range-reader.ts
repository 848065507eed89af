import { randomUUID } from 'node:crypto';
import { toConsumedMessage, type ConsumedMessage } from '../consumers/consumed-message';
import { withAdmin } from '../kafka/admin-session';
import { describeError } from '../kafka/error-description';
import { kafkaOf, loggerOf, type MessagingClient } from '../kafka/kafka-client';
import { within } from '../kafka/sleep';

/** Offsets [from, to) of one partition to read. */
export interface PartitionRange {
  readonly partition: number;
  /** First offset to read. */
  readonly from: bigint;
  /** First offset NOT to read (e.g. the high watermark captured before). */
  readonly to: bigint;
}

/** How long a bounded read may take, in milliseconds. */
const READ_TIMEOUT_MS = 15_000;

/**
 * Reads the given offset ranges of `topic` with a throwaway consumer group (deleted afterwards) and returns the
 * messages in partition, offset order. Bounded: ends when every range is read, or after 15 s with what it has.
 * The offsets are never committed, except with `commitAs`.
 */
/** Options of {@link readRanges}. */
export interface ReadRangesOptions {
  /**
   * Reads as this (otherwise idle) group instead of a throwaway one, and once `onRead` resolved commits the
   * group's offsets just past the messages read. kafkajs's admin.setOffsets would take a fetch wait (5 s).
   */
  readonly commitAs?: {
    readonly groupId: string;
    onRead(messages: readonly ConsumedMessage[]): Promise<void>;
  };
}

export async function readRanges(
  client: MessagingClient,
  topic: string,
  ranges: readonly PartitionRange[],
  options: ReadRangesOptions = {},
): Promise<ConsumedMessage[]> {
  const pending = new Map(
    ranges.filter((range) => range.from < range.to).map((range) => [range.partition, range]),
  );
  if (pending.size === 0) return [];
  const logger = loggerOf(client);
  const { commitAs } = options;
  const groupId = commitAs?.groupId ?? `${client.clientId}.reader.${randomUUID()}`;
  const consumer = kafkaOf(client).consumer({ groupId, maxWaitTimeInMs: 200 });
  const collected: ConsumedMessage[] = [];
  let finish: () => void = () => undefined;
  const finished = new Promise<void>((resolve) => {
    finish = resolve;
  });
  try {
    await consumer.connect();
    await consumer.subscribe({ topic, fromBeginning: true });
    await consumer.run({
      autoCommit: false,
      eachBatch: ({ batch }) => {
        const range = pending.get(batch.partition);
        if (range === undefined) return Promise.resolve();
        for (const message of batch.messages) {
          const offset = BigInt(message.offset);
          if (offset >= range.from && offset < range.to) {
            collected.push(toConsumedMessage(topic, batch.partition, message));
          }
        }
        if (BigInt(batch.lastOffset()) >= range.to - 1n) {
          pending.delete(batch.partition);
          if (pending.size === 0) finish();
        }
        return Promise.resolve();
      },
    });
    // Only a shortcut: messages before `from` are filtered above anyway if the first fetch came first.
    for (const range of pending.values()) {
      consumer.seek({ topic, partition: range.partition, offset: range.from.toString() });
    }
    if ((await within(finished, READ_TIMEOUT_MS)) === undefined && pending.size > 0) {
      logger.warn(
        { topic, partitions: [...pending.keys()] },
        `reading ${topic} did not reach the end within ${READ_TIMEOUT_MS} ms; partial result`,
      );
    }
    sortByPosition(collected);
    if (commitAs !== undefined && collected.length > 0) {
      const read = [...collected];
      await commitAs.onRead(read);
      const next = new Map<number, bigint>();
      for (const message of read) next.set(message.partition, BigInt(message.offset) + 1n);
      await consumer.commitOffsets(
        [...next].map(([partition, offset]) => ({ topic, partition, offset: offset.toString() })),
      );
    }
  } finally {
    await consumer.disconnect().catch(() => undefined);
    if (commitAs === undefined) {
      await withAdmin(client, (admin) => admin.deleteGroups([groupId])).catch((error: unknown) => {
        logger.debug({ err: describeError(error), groupId }, 'could not delete reader group');
      });
    }
  }
  return collected;
}

function sortByPosition(messages: ConsumedMessage[]): void {
  messages.sort((a, b) =>
    a.partition !== b.partition
      ? a.partition - b.partition
      : Number(BigInt(a.offset) - BigInt(b.offset)),
  );
}
