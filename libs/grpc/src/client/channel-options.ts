import type { ChannelOptions } from '@grpc/grpc-js';

/**
 * Channel defaults for service-to-service calls. Retries are off because resilience policies (libs/resilience)
 * own retrying; two retry layers would multiply attempts. Keepalive stays off (grpc-js default) unless asked for.
 */
export const defaultChannelOptions: Readonly<ChannelOptions> = {
  'grpc.enable_retries': 0,
  // No DNS TXT lookups for a service config we never publish.
  'grpc.service_config_disable_resolution': 1,
  // grpc-js backs reconnects off up to 120 s, so a peer restarted after a few seconds down stayed unreachable for
  // tens of seconds (found by `npm run chaos`); on loopback or a cluster network, two attempts a second are cheap.
  'grpc.initial_reconnect_backoff_ms': 100,
  'grpc.max_reconnect_backoff_ms': 500,
};
