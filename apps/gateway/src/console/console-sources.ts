import type { BreakerBoard } from '../admin/breaker-board';
import type { ConsoleAssets } from './console-assets';
import type { UpstreamProxy } from './upstream-proxy';

/** What the console's routes read from: breakers, its bundle, and the monitoring upstreams it proxies. */
export interface ConsoleSources {
  readonly breakers: BreakerBoard;
  readonly assets: ConsoleAssets;
  readonly prometheus: UpstreamProxy;
  readonly jaeger: UpstreamProxy;
}
