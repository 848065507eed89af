module.exports = {
  ...require('../../jest.preset.cjs'),
  displayName: '@gaara/notification',
  rootDir: __dirname,
  // Integration specs use the local stack's PostgreSQL and Kafka; quick when it already runs.
  globalSetup: '<rootDir>/../../tools/stack/jest-global-setup.cjs',
};
