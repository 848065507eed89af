module.exports = {
  ...require('../../jest.preset.cjs'),
  displayName: '@gaara/service',
  rootDir: __dirname,
};
