module.exports = {
  ...require('../../jest.preset.cjs'),
  displayName: '@gaara/catalog',
  rootDir: __dirname,
  // Integration specs use the local stack's PostgreSQL; quick when it already runs.
  globalSetup: '<rootDir>/../../tools/stack/jest-global-setup.cjs',
};
