module.exports = {
  ...require('../../jest.preset.cjs'),
  displayName: '@gaara/sandbox',
  rootDir: __dirname,
};
