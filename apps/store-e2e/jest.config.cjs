// End-to-end tests: every process of the store really started (built dist), on loopback with ephemeral ports.
// One worker, files in path order: payments.spec.ts runs before store.spec.ts, whose last scenario stops the shared PostgreSQL.
module.exports = {
  ...require('../../jest.preset.cjs'),
  displayName: '@gaara/store-e2e',
  rootDir: __dirname,
  globalSetup: '<rootDir>/../../tools/stack/jest-global-setup.cjs',
  maxWorkers: 1,
  testSequencer: '<rootDir>/test-sequencer.cjs',
  testTimeout: 60_000,
};
