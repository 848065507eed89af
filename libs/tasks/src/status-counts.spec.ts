import { countsByWireStatus } from './status-counts';

describe('countsByWireStatus', () => {
  it('sums the stored statuses that share a wire status, in first-seen order', () => {
    const toWire = { pending: 1, processing: 1, done: 2, failed: 3 } as const;
    const byStatus = new Map<keyof typeof toWire, number>([
      ['done', 4],
      ['pending', 2],
      ['processing', 3],
    ]);
    expect(countsByWireStatus(byStatus, toWire)).toEqual([
      { status: 2, count: 4n },
      { status: 1, count: 5n },
    ]);
    expect(countsByWireStatus(new Map(), toWire)).toEqual([]);
  });
});
