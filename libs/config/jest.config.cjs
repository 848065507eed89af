module.exports = {
  ...require('../../jest.preset.cjs'),
  displayName: '@gaara/config',
  rootDir: __dirname,
};
