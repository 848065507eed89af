module.exports = {
  ...require('../../jest.preset.cjs'),
  displayName: '@gaara/gateway',
  rootDir: __dirname,
};
