// Test helpers of @gaara/messaging for integration specs against the local stack's broker (also used by @gaara/tasks).
export {
  delay,
  eventually,
  kafkaSpec,
  recordTopics,
  recordingLogger,
  testBrokers,
  testClient,
  uniqueTopicPrefix,
  type KafkaSpec,
  type TopicRecorder,
} from './kafka-test-kit';
export { replaySpec, type ReplaySpec } from './replay-spec';
export { testMeter, type TestMeter } from './test-metrics';
