// @gaara/topology/codecs: the messages on the declared topics. A subpath of its own, because it loads
// @gaara/messaging (kafkajs) and the contracts: configuration modules import the main entry before telemetry
// starts, and must not load an instrumented library early.
export { paymentEventCodec } from './payment-events';
