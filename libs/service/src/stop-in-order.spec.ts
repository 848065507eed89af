import { stopInOrder } from './stop-in-order';

describe('stopInOrder', () => {
  it('stops every step in order, past a failing one, then rethrows the first failure', async () => {
    const stopped: string[] = [];
    const run = stopInOrder([
      { stop: () => void stopped.push('server') },
      () => Promise.reject(new Error('sweeper stuck')),
      { stop: async () => void stopped.push('consumers') },
      () => {
        throw new Error('second failure');
      },
      () => void stopped.push('policy'),
    ]);
    await expect(run).rejects.toThrow('sweeper stuck');
    expect(stopped).toEqual(['server', 'consumers', 'policy']);
  });
});
