module.exports = {
  ...require('../../jest.preset.cjs'),
  displayName: '@gaara/aggregator',
  rootDir: __dirname,
  // The health view's Kafka check uses the stack's real broker; this starts the stack if needed (idempotent).
  globalSetup: '<rootDir>/../../tools/stack/jest-global-setup.cjs',
};
