import type { Admin } from 'kafkajs';
import { fetchWatermarks, whileRetriable, withAdmin } from '../kafka/admin-session';
import type { ConsumedMessage } from '../consumers/consumed-message';
import type { MessagingClient } from '../kafka/kafka-client';
import type { Publisher } from '../kafka/publisher';
import { ensureTopics } from '../kafka/topics';
import { readRanges, type PartitionRange } from './range-reader';
import { messageHeaders } from '../retry/retry-headers';
import { replayMessage } from '../retry/retry-messages';
import type { RetryTopology } from '../retry/retry-topology';
import { isEventDeadLetters, type DeadLetterTopology } from './dead-letter-topology';
import { publishEventReplays } from './event-dead-letters';

/** One entry of a dead-letter topic. */
export interface DeadLetterEntry {
  readonly topic: string;
  readonly partition: number;
  readonly offset: string;
  readonly key: string | undefined;
  readonly type: string | undefined;
  readonly value: string;
  readonly headers: Readonly<Record<string, string>>;
  /** Kafka timestamp, epoch milliseconds as a string. */
  readonly timestamp: string;
  /** Replayed by "replay all" already (before the replay group's committed offset). */
  readonly replayed: boolean;
}

/** Which dead letters to replay. */
export type DeadLetterSelector =
  { readonly all: true } | { readonly partition: number; readonly offset: string };

/** Consumer group whose committed offsets mark the entries "replay all" has replayed. */
export function replayGroupId(topology: Pick<DeadLetterTopology, 'deadLetterTopic'>): string {
  // Named after the (prefixed) DLT topic, so runs under different topic prefixes never share the group.
  return `${topology.deadLetterTopic}.replay`;
}

interface PartitionPosition {
  readonly partition: number;
  readonly low: bigint;
  readonly high: bigint;
  /** The group's committed offset, clamped to [low, high]; low when the group has none. */
  readonly committed: bigint;
}

/** Watermarks of `topic` now and where `groupId` stands in each partition. */
function positions(
  client: MessagingClient,
  topic: string,
  groupId: string,
): Promise<PartitionPosition[]> {
  return withAdmin(client, (admin) => positionsWith(admin, topic, groupId));
}

/** {@link positions} through a connected admin. */
async function positionsWith(
  admin: Admin,
  topic: string,
  groupId: string,
): Promise<PartitionPosition[]> {
  const [watermarks, groupOffsets] = await Promise.all([
    fetchWatermarks(admin, topic),
    whileRetriable(() => admin.fetchOffsets({ groupId, topics: [topic] })),
  ]);
  const committedByPartition = new Map(
    (groupOffsets[0]?.partitions ?? []).map((p) => [p.partition, BigInt(p.offset)]),
  );
  return watermarks.map((w) => {
    const low = BigInt(w.low);
    const high = BigInt(w.high);
    const committed = committedByPartition.get(w.partition) ?? -1n;
    const clamped = committed < low ? low : committed > high ? high : committed;
    return { partition: w.partition, low, high, committed: clamped };
  });
}

const unconsumed = (current: readonly PartitionPosition[]): number =>
  Number(current.reduce((sum, p) => sum + (p.high - p.committed), 0n));

function toEntry(
  message: ConsumedMessage,
  replayedBelow: ReadonlyMap<number, bigint>,
): DeadLetterEntry {
  return {
    topic: message.topic,
    partition: message.partition,
    offset: message.offset,
    key: message.key,
    type: message.headers[messageHeaders.type],
    value: message.value,
    headers: message.headers,
    timestamp: message.timestamp,
    replayed: BigInt(message.offset) < (replayedBelow.get(message.partition) ?? 0n),
  };
}

/**
 * Lists the newest `limit` entries (defaults to 100), oldest first. Reads only up to the end of the topic seen at
 * call time, so it returns promptly (at once when the topic is empty).
 */
export async function listDeadLetters(
  client: MessagingClient,
  topology: Pick<DeadLetterTopology, 'deadLetterTopic'>,
  options: { limit?: number } = {},
): Promise<DeadLetterEntry[]> {
  const limit = BigInt(Math.max(0, Math.floor(options.limit ?? 100)));
  if (limit === 0n) return [];
  const topic = topology.deadLetterTopic;
  const current = await positions(client, topic, replayGroupId(topology));
  const ranges: PartitionRange[] = current.map((p) => ({
    partition: p.partition,
    from: p.high - limit > p.low ? p.high - limit : p.low,
    to: p.high,
  }));
  const replayedBelow = new Map(current.map((p) => [p.partition, p.committed]));
  const entries = (await readRanges(client, topic, ranges)).map((m) => toEntry(m, replayedBelow));
  entries.sort(
    (a, b) =>
      Number(BigInt(a.timestamp) - BigInt(b.timestamp)) ||
      a.partition - b.partition ||
      Number(BigInt(a.offset) - BigInt(b.offset)),
  );
  return entries.slice(-Number(limit));
}

/** An entry a replay left on the dead-letter topic, and why. */
export interface RefusedReplay {
  readonly partition: number;
  readonly offset: string;
  readonly reason: string;
}

/** Options of {@link replayDeadLetters}. */
export interface ReplayOptions {
  /**
   * Asked before each entry goes back: a reason refuses it (it stays on the topic, listed, and can be replayed
   * by entry later), `undefined` admits it. A rejection aborts the replay before anything of its batch is
   * published, so "all" finds the batch again next time.
   */
  readonly admit?: (entry: DeadLetterEntry) => Promise<string | undefined>;
}

/** What a replay did; `refused` only when an `admit` check refused an entry. */
export interface ReplayResult {
  readonly replayed: number;
  readonly refused?: readonly RefusedReplay[];
}

/**
 * Puts entries back: a retry queue's on its first tier (attempt 0, due after the first tier's delay,
 * gaara-replayed-at set); an event consumer's onto its replay topic, as the original event (key, value and
 * headers with the trace context, without the dead-letter headers; gaara-replayed-at set), created if missing.
 * `{ all: true }` replays every entry after the replay group's committed offset, up to the end seen at call time,
 * then moves that offset (so "all" replays an entry once; a refused one is then replayed by entry). One entry by
 * partition and offset leaves the group alone; `replayed` is 0 when no entry sits there.
 */
export async function replayDeadLetters(
  client: MessagingClient,
  publisher: Publisher,
  topology: DeadLetterTopology,
  selector: DeadLetterSelector,
  options: ReplayOptions = {},
): Promise<ReplayResult> {
  const refused: RefusedReplay[] = [];
  const admitted = async (messages: readonly ConsumedMessage[]): Promise<ConsumedMessage[]> => {
    const { admit } = options;
    if (admit === undefined) return [...messages];
    const kept: ConsumedMessage[] = [];
    for (const message of messages) {
      const reason = await admit(toEntry(message, new Map()));
      if (reason === undefined) kept.push(message);
      else refused.push({ partition: message.partition, offset: message.offset, reason });
    }
    return kept;
  };
  const result = (replayed: number): ReplayResult =>
    refused.length === 0 ? { replayed } : { replayed, refused };
  const topic = topology.deadLetterTopic;
  const publishReplays = await replayPublisher(client, publisher, topology);
  if (!('all' in selector)) {
    const offset = BigInt(selector.offset);
    const partition = (await positions(client, topic, replayGroupId(topology))).find(
      (p) => p.partition === selector.partition,
    );
    // Nothing to read (and no waiting for it) outside what the partition holds.
    if (partition === undefined || offset < partition.low || offset >= partition.high) {
      return { replayed: 0 };
    }
    const found = await admitted(
      await readRanges(client, topic, [
        { partition: selector.partition, from: offset, to: offset + 1n },
      ]),
    );
    await publishReplays(found);
    return result(found.length);
  }
  const groupId = replayGroupId(topology);
  const current = (await positions(client, topic, groupId)).filter((p) => p.committed < p.high);
  if (current.length === 0) return result(0);
  let replayed = 0;
  await readRanges(
    client,
    topic,
    current.map((p) => ({ partition: p.partition, from: p.committed, to: p.high })),
    {
      // Committed only once the publish succeeded: after a failure the next "replay all" finds them again.
      commitAs: {
        groupId,
        onRead: async (messages) => {
          const kept = await admitted(messages);
          // In partition, offset order: per key (one partition) the order is kept.
          await publishReplays(kept);
          replayed += kept.length;
        },
      },
    },
  );
  return result(replayed);
}

/** How a replay publishes entries for `topology`; an event consumer's replay topic is created first if missing. */
async function replayPublisher(
  client: MessagingClient,
  publisher: Publisher,
  topology: DeadLetterTopology,
): Promise<(messages: readonly ConsumedMessage[]) => Promise<void>> {
  if (isEventDeadLetters(topology)) {
    // The consumer creates it when it starts; a replay before that must not fail on a missing topic.
    await ensureTopics(client, [topology.replayTopic]);
    return (messages) => publishEventReplays(publisher, topology, messages, Date.now());
  }
  const [first] = topology.tiers;
  if (first === undefined) throw new Error('a retry topology always has a tier');
  return async (messages) => {
    const now = Date.now();
    await publisher.publish(
      first.topic,
      messages.map((message) => replayMessage(message, first, now)),
    );
  };
}

/** Entries not yet replayed by "replay all". */
export async function deadLetterDepth(
  client: MessagingClient,
  topology: Pick<DeadLetterTopology, 'deadLetterTopic'>,
): Promise<number> {
  return withAdmin(client, (admin) => deadLetterDepthWith(admin, topology));
}

/** Per tier topic: messages not yet committed by the tier's group `${groupIdPrefix}.${label}`. */
export async function topicDepths(
  client: MessagingClient,
  topology: RetryTopology,
  groupIdPrefix: string,
): Promise<{ topic: string; depth: number }[]> {
  return withAdmin(client, (admin) => topicDepthsWith(admin, topology, groupIdPrefix));
}

/** {@link deadLetterDepth} through a connected admin (the depth watch keeps one). */
export async function deadLetterDepthWith(
  admin: Admin,
  topology: Pick<DeadLetterTopology, 'deadLetterTopic'>,
): Promise<number> {
  return unconsumed(await positionsWith(admin, topology.deadLetterTopic, replayGroupId(topology)));
}

/** {@link topicDepths} through a connected admin (the depth watch keeps one). */
export async function topicDepthsWith(
  admin: Admin,
  topology: RetryTopology,
  groupIdPrefix: string,
): Promise<{ topic: string; depth: number }[]> {
  return Promise.all(
    topology.tiers.map(async (tier) => ({
      topic: tier.topic,
      depth: unconsumed(await positionsWith(admin, tier.topic, `${groupIdPrefix}.${tier.label}`)),
    })),
  );
}
