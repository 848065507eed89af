module.exports = {
  ...require('../../jest.preset.cjs'),
  displayName: '@gaara/launcher',
  rootDir: __dirname,
  // The connection-budget spec uses the local stack's PostgreSQL; quick when it already runs.
  globalSetup: '<rootDir>/../../tools/stack/jest-global-setup.cjs',
};
