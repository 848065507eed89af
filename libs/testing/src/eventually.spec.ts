import { stripVTControlCharacters } from 'node:util';
import { eventually } from './eventually';

describe('eventually', () => {
  it('resolves once the check holds, retrying a check that throws meanwhile', async () => {
    let calls = 0;
    await eventually(() => {
      calls += 1;
      expect(calls).toBeGreaterThanOrEqual(3);
      return true;
    }, 2000);
    expect(calls).toBe(3);
  });

  it('reports the last assertion message when it times out', async () => {
    const failure = await eventually(() => {
      expect('pending').toBe('paid');
      return true;
    }, 100).then(
      () => undefined,
      (error: unknown) => error,
    );
    // Jest colours matcher messages when it thinks it may (CI=true does): compare the text without ANSI codes.
    const text = failure instanceof Error ? stripVTControlCharacters(failure.message) : '';
    expect(text).toMatch(/condition not met within 100 ms; last: .*Expected: "paid"/s);
  });

  it('says the check stayed false when it never threw', async () => {
    await expect(eventually(() => false, 50)).rejects.toThrow('last: the check was still false');
  });

  it('fails at once on a TypeError in the check', async () => {
    const started = Date.now();
    const missing: { status?: { name: string } } = {};
    await expect(eventually(() => missing.status!.name === 'x', 5000)).rejects.toThrow(TypeError);
    expect(Date.now() - started).toBeLessThan(1000);
  });
});
