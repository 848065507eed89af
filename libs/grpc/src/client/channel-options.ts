import type { ChannelOptions } from '@grpc/grpc-js';

/**
 * Channel defaults for service-to-service calls. Retries are off because resilience policies (libs/resilience)
 * own retrying; two retry layers would multiply attempts. Keepalive stays off (grpc-js default) unless asked for.
 */
export const defaultChannelOptions: Readonly<ChannelOptions> = {
  'grpc.enable_retries': 0,
  // No DNS TXT lookups for a service config we never publish.
  'grpc.service_config_disable_resolution': 1,
};
