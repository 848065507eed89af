import { startParts } from './start-parts';

describe('startParts', () => {
  it('stops the parts in reverse order, and keeps going past a failing stop', async () => {
    const stopped: string[] = [];
    const warnings: string[] = [];
    const logger = {
      warn: (_: object, message: string) => warnings.push(message),
      info: () => undefined,
      error: () => undefined,
      debug: () => undefined,
    };
    const parts = await startParts(async (onStop) => {
      onStop(async () => void stopped.push('a'));
      onStop(() => Promise.reject(new Error('b broke')));
      onStop(async () => void stopped.push('c'));
      return { value: 42 };
    }, logger);
    expect(parts.value).toBe(42);
    await parts.stop();
    expect(stopped).toEqual(['c', 'a']);
    expect(warnings).toEqual(['messaging stop failed']);
  });

  it('stops what had started when a later part fails, and rethrows', async () => {
    const stopped: string[] = [];
    await expect(
      startParts(async (onStop) => {
        onStop(async () => void stopped.push('publisher'));
        throw new Error('kafka down');
      }),
    ).rejects.toThrow('kafka down');
    expect(stopped).toEqual(['publisher']);
  });
});
