import type { Knex } from '@gaara/db';
import { announceOnCommit, onOutboxCommitted } from './outbox-commits';

/** A stand-in transaction whose outcome the test decides. */
function fakeTransaction(): { trx: Knex.Transaction; commit(): void; rollBack(): void } {
  let commit!: () => void;
  let rollBack!: () => void;
  const executionPromise = new Promise<void>((resolve, reject) => {
    commit = () => resolve();
    rollBack = () => reject(new Error('rolled back'));
  });
  return { trx: { executionPromise } as unknown as Knex.Transaction, commit, rollBack };
}

const settle = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

describe('outbox commit news', () => {
  it("calls the table's listeners after the commit, not before", async () => {
    const calls: string[] = [];
    const off = onOutboxCommitted('outbox_a', () => calls.push('a'));
    const offOther = onOutboxCommitted('outbox_b', () => calls.push('b'));
    const { trx, commit } = fakeTransaction();
    announceOnCommit(trx, 'outbox_a');
    await settle();
    expect(calls).toEqual([]);
    commit();
    await settle();
    expect(calls).toEqual(['a']);
    off();
    offOther();
  });

  it('says nothing on rollback and leaves no unhandled rejection', async () => {
    const calls: string[] = [];
    const off = onOutboxCommitted('outbox_c', () => calls.push('c'));
    const { trx, rollBack } = fakeTransaction();
    announceOnCommit(trx, 'outbox_c');
    rollBack();
    await trx.executionPromise.catch(() => undefined);
    await settle();
    expect(calls).toEqual([]);
    off();
  });

  it('stops calling a listener once unsubscribed', async () => {
    const calls: string[] = [];
    const off = onOutboxCommitted('outbox_d', () => calls.push('d'));
    off();
    const { trx, commit } = fakeTransaction();
    announceOnCommit(trx, 'outbox_d');
    commit();
    await settle();
    expect(calls).toEqual([]);
  });
});
