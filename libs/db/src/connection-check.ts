/** The part of a pg client the pre-use check needs. */
export interface PingableConnection {
  query(sql: string): Promise<unknown>;
}

/** Settings of {@link ConnectionCheck}; see PoolOptions for their meaning. */
export interface ConnectionCheckOptions {
  readonly pingIdleAfterMs: number;
  readonly pingTimeoutMs: number;
  /** Clock in milliseconds, defaults to `performance.now`. */
  readonly now?: () => number;
}

/**
 * The "checked before use" part of the spec's pool (SQLAlchemy's pool_pre_ping): knex has no pre-ping, so
 * tarn's validate hook pings a connection that sat idle longer than `pingIdleAfterMs`. Busy connections are
 * not pinged (they just proved alive); sockets that died loudly are already flagged by knex itself.
 */
export class ConnectionCheck {
  private readonly releasedAt = new WeakMap<object, number>();
  private readonly now: () => number;

  constructor(private readonly options: ConnectionCheckOptions) {
    this.now = options.now ?? (() => performance.now());
  }

  /** Records that the pool took `connection` back; wire to tarn's `release` event. */
  markReleased(connection: object): void {
    this.releasedAt.set(connection, this.now());
  }

  /** True when `connection` may be handed out: fresh, recently used, or answering a ping in time. */
  async isUsable(connection: PingableConnection): Promise<boolean> {
    const released = this.releasedAt.get(connection);
    if (released === undefined || this.now() - released < this.options.pingIdleAfterMs) return true;
    return ping(connection, this.options.pingTimeoutMs);
  }
}

async function ping(connection: PingableConnection, timeoutMs: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), timeoutMs);
  });
  const answered = connection.query('SELECT 1').then(
    () => true,
    () => false,
  );
  try {
    return await Promise.race([answered, timedOut]);
  } finally {
    clearTimeout(timer);
  }
}
