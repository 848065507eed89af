/**
 * Offsets processed but not yet committable (an earlier offset of the partition is still waiting), per
 * partition key `topic|partition`: a refetch after a pause delivers them again, and they are then resolved
 * without being processed twice. Only this process's memory: after a rebalance the new owner may process them
 * again (at-least-once, as any uncommitted message).
 */
export class ProcessedOffsets {
  private readonly byPartition = new Map<string, Set<string>>();

  add(partitionKey: string, offset: string): void {
    let offsets = this.byPartition.get(partitionKey);
    if (offsets === undefined) {
      offsets = new Set();
      this.byPartition.set(partitionKey, offsets);
    }
    offsets.add(offset);
  }

  has(partitionKey: string, offset: string): boolean {
    return this.byPartition.get(partitionKey)?.has(offset) ?? false;
  }

  forget(partitionKey: string, offset: string): void {
    const offsets = this.byPartition.get(partitionKey);
    if (offsets === undefined) return;
    offsets.delete(offset);
    if (offsets.size === 0) this.byPartition.delete(partitionKey);
  }

  /** Drops every offset below `firstOffset` (a fetch starts at the resolved position: those are resolved). */
  forgetBelow(partitionKey: string, firstOffset: string | null): void {
    const offsets = this.byPartition.get(partitionKey);
    if (offsets === undefined || firstOffset === null) return;
    const first = BigInt(firstOffset);
    for (const offset of offsets) if (BigInt(offset) < first) offsets.delete(offset);
    if (offsets.size === 0) this.byPartition.delete(partitionKey);
  }
}
