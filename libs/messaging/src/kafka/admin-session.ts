import type { Admin } from 'kafkajs';
import { kafkaOf, type MessagingClient } from './kafka-client';

/** Runs `work` with a connected admin client and always disconnects it. */
export async function withAdmin<T>(
  client: MessagingClient,
  work: (admin: Admin) => Promise<T>,
  options: { retries?: number } = {},
): Promise<T> {
  const admin = kafkaOf(client).admin(
    options.retries === undefined ? undefined : { retry: { retries: options.retries } },
  );
  await admin.connect();
  try {
    return await work(admin);
  } finally {
    await admin.disconnect();
  }
}

/** Watermarks of one partition, offsets as strings. */
export interface PartitionWatermarks {
  readonly partition: number;
  readonly low: string;
  readonly high: string;
}

const WATERMARK_ATTEMPTS = 25;
const WATERMARK_RETRY_MS = 200;

/**
 * admin.fetchTopicOffsets, retried while a leader is moving or just elected: kafkajs 2.2.4 gives up at once on
 * NOT_LEADER_OR_FOLLOWER (admin/index.js fetchTopicOffsets bails on anything but UNKNOWN_TOPIC_OR_PARTITION),
 * which a freshly created topic answers for a moment. Tries for about 5 s.
 */
export async function fetchWatermarks(admin: Admin, topic: string): Promise<PartitionWatermarks[]> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      const offsets = await admin.fetchTopicOffsets(topic);
      return offsets.map(({ partition, low, high }) => ({ partition, low, high }));
    } catch (error: unknown) {
      const retriable = (error as { retriable?: unknown }).retriable === true;
      if (!retriable || attempt >= WATERMARK_ATTEMPTS) throw error;
      await new Promise((resolve) => setTimeout(resolve, WATERMARK_RETRY_MS));
    }
  }
}
