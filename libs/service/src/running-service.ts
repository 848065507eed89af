/** A started service whose Kafka side starts in the background, so it serves while Kafka is down. */
export interface ServiceWithBackgroundMessaging {
  /** Its gRPC port (the real one when 0 was asked for). */
  readonly port: number;
  /** Resolves true once the Kafka side runs (it starts in the background, retrying while Kafka is down). */
  readonly messagingStarted: Promise<boolean>;
  /** Stops serving, consuming, sweeping and relaying; bounded by the parts' own timeouts (a few seconds). */
  stop(): Promise<void>;
}
