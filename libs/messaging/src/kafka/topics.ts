import { fetchWatermarks, withAdmin } from './admin-session';
import type { MessagingClient } from './kafka-client';

/** Options of {@link ensureTopics}. */
export interface EnsureTopicsOptions {
  /** Partitions of each topic created; defaults to 3. Existing topics are left as they are. */
  readonly partitions?: number;
}

/** Creates the topics that do not exist yet and waits for their leaders; idempotent. */
export async function ensureTopics(
  client: MessagingClient,
  topics: readonly string[],
  options: EnsureTopicsOptions = {},
): Promise<void> {
  if (topics.length === 0) return;
  const numPartitions = options.partitions ?? 3;
  await withAdmin(client, async (admin) => {
    const existing = new Set(await admin.listTopics());
    const missing = [...new Set(topics)].filter((topic) => !existing.has(topic));
    if (missing.length === 0) return;
    // Returns false (no throw) for topics another process created meanwhile.
    await admin.createTopics({
      waitForLeaders: true,
      topics: missing.map((topic) => ({ topic, numPartitions })),
    });
    // Leaders in the metadata are not yet serving: wait until every new partition answers an offsets request.
    for (const topic of missing) await fetchWatermarks(admin, topic);
  });
}

/**
 * Whether a broker answers a metadata request within `timeoutMs` (in milliseconds, defaults to 2000).
 * Never throws; for health views.
 */
export async function isKafkaReachable(
  client: MessagingClient,
  timeoutMs = 2000,
): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<boolean>((resolve) => {
    timer = setTimeout(() => resolve(false), timeoutMs);
  });
  const probe = withAdmin(
    client,
    async (admin) => {
      await admin.describeCluster();
      return true;
    },
    { retries: 0 },
  ).catch(() => false);
  try {
    return await Promise.race([probe, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Deletes every topic whose name starts with `prefix` (a test or bench run's own, never ''); returns how many.
 * Runs that leave their topics behind make the broker slower and busier at rest for every later run.
 */
export async function deleteTopicsWithPrefix(
  client: MessagingClient,
  prefix: string,
): Promise<number> {
  if (prefix === '') throw new Error('deleteTopicsWithPrefix needs a non-empty prefix');
  return withAdmin(client, async (admin) => {
    const topics = (await admin.listTopics()).filter((topic) => topic.startsWith(prefix));
    if (topics.length > 0) await admin.deleteTopics({ topics });
    return topics.length;
  });
}
