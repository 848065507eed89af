module.exports = {
  ...require('../../jest.preset.cjs'),
  displayName: '@gaara/chaos',
  rootDir: __dirname,
};
