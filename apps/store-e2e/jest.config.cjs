// End-to-end tests: every process of the store really started (built dist), on loopback with ephemeral ports.
// One worker: the scenarios share one store, and the last one stops the shared PostgreSQL.
module.exports = {
  ...require('../../jest.preset.cjs'),
  displayName: '@gaara/store-e2e',
  rootDir: __dirname,
  globalSetup: '<rootDir>/../../tools/stack/jest-global-setup.cjs',
  maxWorkers: 1,
  testTimeout: 60_000,
};
