module.exports = {
  ...require('../../jest.preset.cjs'),
  displayName: '@gaara/contracts',
  rootDir: __dirname,
};
