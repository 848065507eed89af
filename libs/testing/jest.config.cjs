module.exports = {
  ...require('../../jest.preset.cjs'),
  displayName: '@gaara/testing',
  rootDir: __dirname,
};
