// Guards the runtime the repo provides itself: Node 24 from the npm registry, and ESM-only packages loading under Jest.
import { circuitBreaker, ConsecutiveBreaker, handleAll } from 'cockatiel';

describe('workspace runtime', () => {
  it('runs on the Node 24 that the repo installs, not the machine Node', () => {
    process.stdout.write(`node ${process.version}\n`);
    expect(Number(process.versions.node.split('.')[0])).toBe(24);
  });

  it('loads cockatiel 4, an ESM-only package, inside Jest', async () => {
    const breaker = circuitBreaker(handleAll, {
      halfOpenAfter: 1000,
      breaker: new ConsecutiveBreaker(1),
    });
    await expect(breaker.execute(() => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    await expect(breaker.execute(() => Promise.resolve(1))).rejects.toThrow(/circuit/i);
  });
});
