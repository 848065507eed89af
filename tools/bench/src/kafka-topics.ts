// Deleting a run's prefixed Kafka topics at the end: every run creates its own set, and a broker that keeps
// piling them up costs more idle CPU on every later run (this bench measures the broker's idle CPU).
import { Kafka, logLevel } from 'kafkajs';

/** Deletes every topic starting with one of `prefixes` (non-empty); the count deleted. Bounded by `timeoutMs`. */
export async function deleteTopicsWithPrefixes(
  brokers: readonly string[],
  prefixes: readonly string[],
  timeoutMs = 20_000,
): Promise<number> {
  const wanted = prefixes.filter((p) => p.length > 0);
  if (wanted.length === 0) return 0;
  const admin = new Kafka({
    clientId: 'gaara-bench-store-cleanup',
    brokers: [...brokers],
    logLevel: logLevel.NOTHING,
    retry: { retries: 2 },
  }).admin();
  let timer: NodeJS.Timeout | undefined;
  const work = async (): Promise<number> => {
    await admin.connect();
    try {
      const topics = (await admin.listTopics()).filter((t) => wanted.some((p) => t.startsWith(p)));
      if (topics.length > 0) await admin.deleteTopics({ topics, timeout: timeoutMs });
      return topics.length;
    } finally {
      await admin.disconnect();
    }
  };
  try {
    return await Promise.race([
      work(),
      new Promise<never>((_, reject) => {
        timer = setTimeout(
          () => reject(new Error(`topic clean-up over ${timeoutMs} ms`)),
          timeoutMs,
        );
      }),
    ]);
  } finally {
    clearTimeout(timer);
  }
}
