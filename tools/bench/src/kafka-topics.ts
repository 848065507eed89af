// Deleting a run's prefixed Kafka topics at the end: every run creates its own set, and a broker that keeps
// piling them up costs more idle CPU on every later run (this bench measures the broker's idle CPU).
import { createMessagingClient, deleteTopicsWithPrefix } from '@gaara/messaging';

/** Deletes every topic starting with one of `prefixes` (empty ones skipped); the count deleted. */
export async function deleteTopicsWithPrefixes(
  brokers: readonly string[],
  prefixes: readonly string[],
): Promise<number> {
  const client = createMessagingClient({ brokers: [...brokers], clientId: 'gaara-bench-cleanup' });
  let deleted = 0;
  for (const prefix of prefixes.filter((p) => p.length > 0)) {
    deleted += await deleteTopicsWithPrefix(client, prefix);
  }
  return deleted;
}
