module.exports = {
  ...require('../../jest.preset.cjs'),
  displayName: '@gaara/resilience',
  rootDir: __dirname,
};
