module.exports = {
  ...require('../../jest.preset.cjs'),
  displayName: '@gaara/health',
  rootDir: __dirname,
};
