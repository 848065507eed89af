module.exports = {
  ...require('../../jest.preset.cjs'),
  displayName: '@gaara/topology',
  rootDir: __dirname,
};
