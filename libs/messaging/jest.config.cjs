module.exports = {
  ...require('../../jest.preset.cjs'),
  displayName: '@gaara/messaging',
  rootDir: __dirname,
  // Integration specs use the local stack's Kafka and PostgreSQL; quick when it already runs.
  globalSetup: '<rootDir>/../../tools/stack/jest-global-setup.cjs',
};
