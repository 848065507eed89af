module.exports = {
  ...require('../../jest.preset.cjs'),
  displayName: '@gaara/telemetry',
  rootDir: __dirname,
  // Starts Jaeger (with the rest of the local stack) for jaeger-export.integration.spec.ts; quick when it already runs.
  globalSetup: '<rootDir>/../../tools/stack/jest-global-setup.cjs',
};
