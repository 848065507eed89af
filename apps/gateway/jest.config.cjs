module.exports = {
  ...require('../../jest.preset.cjs'),
  displayName: '@gaara/gateway',
  rootDir: __dirname,
  // The admin routes' specs use the stack's real Kafka; this starts the stack if needed (idempotent).
  globalSetup: '<rootDir>/../../tools/stack/jest-global-setup.cjs',
  // One file at a time: the routes' specs assert "answers within 50 ms", which a Kafka-heavy spec beside them breaks.
  maxWorkers: 1,
};
