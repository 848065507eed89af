module.exports = {
  ...require('../../jest.preset.cjs'),
  displayName: '@gaara/dlt',
  rootDir: __dirname,
  // The integration spec uses the stack's real Kafka; this starts the stack if needed (idempotent).
  globalSetup: '<rootDir>/../../tools/stack/jest-global-setup.cjs',
};
