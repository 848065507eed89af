module.exports = {
  ...require('../../jest.preset.cjs'),
  displayName: '@gaara/launcher',
  rootDir: __dirname,
};
