/**
 * Ledger rows per status regrouped under the statuses shown outside (`toWire`: several stored statuses may share
 * one, e.g. `pending` and `processing` both as PENDING), in first-seen order, as the bigint counts of the wire.
 */
export function countsByWireStatus<Status extends string, Wire>(
  byStatus: ReadonlyMap<Status, number>,
  toWire: Readonly<Record<Status, Wire>>,
): { status: Wire; count: bigint }[] {
  const counts = new Map<Wire, bigint>();
  for (const [status, count] of byStatus) {
    const wire = toWire[status];
    counts.set(wire, (counts.get(wire) ?? 0n) + BigInt(count));
  }
  return [...counts].map(([status, count]) => ({ status, count }));
}
