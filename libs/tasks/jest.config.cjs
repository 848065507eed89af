module.exports = {
  ...require('../../jest.preset.cjs'),
  displayName: '@gaara/tasks',
  rootDir: __dirname,
  // The ledger's integration spec uses the local stack's PostgreSQL; quick when it already runs.
  globalSetup: '<rootDir>/../../tools/stack/jest-global-setup.cjs',
};
