module.exports = {
  ...require('../../jest.preset.cjs'),
  displayName: '@gaara/stack',
  rootDir: __dirname,
  // The integration specs need PostgreSQL, Kafka, Jaeger and Prometheus running.
  globalSetup: require.resolve('./jest-global-setup.cjs'),
};
