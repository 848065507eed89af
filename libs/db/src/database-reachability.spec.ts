import type { DatabaseReachability } from './database-health';
import { databaseKnownUnreachable, failFastWhileUnreachable } from './database-reachability';

type State = DatabaseReachability | 'unknown';

describe('databaseKnownUnreachable', () => {
  it('is false with no watcher wired', () => {
    expect(databaseKnownUnreachable()).toBe(false);
  });

  it("follows a wired watcher's last probe: unknown and reachable are not down", () => {
    const watcher: { state: State } = { state: 'unknown' };
    const release = failFastWhileUnreachable(watcher);
    try {
      expect(databaseKnownUnreachable()).toBe(false);
      watcher.state = 'unreachable';
      expect(databaseKnownUnreachable()).toBe(true);
      watcher.state = 'reachable';
      expect(databaseKnownUnreachable()).toBe(false);
    } finally {
      release();
    }
  });

  it('is true only while every wired watcher reports unreachable, and forgets a released one', () => {
    const down = { state: 'unreachable' as State };
    const up = { state: 'reachable' as State };
    const releaseDown = failFastWhileUnreachable(down);
    const releaseUp = failFastWhileUnreachable(up);
    try {
      expect(databaseKnownUnreachable()).toBe(false);
      releaseUp();
      expect(databaseKnownUnreachable()).toBe(true);
    } finally {
      releaseDown();
      releaseUp();
    }
    expect(databaseKnownUnreachable()).toBe(false);
  });
});
