module.exports = {
  ...require('../../jest.preset.cjs'),
  displayName: '@gaara/aggregator',
  rootDir: __dirname,
};
