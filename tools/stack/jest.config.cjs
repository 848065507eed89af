module.exports = {
  ...require('../../jest.preset.cjs'),
  displayName: '@gaara/stack',
  rootDir: __dirname,
  // The integration specs need PostgreSQL, Kafka and Jaeger running.
  globalSetup: require.resolve('./jest-global-setup.cjs'),
};
