module.exports = {
  ...require('../../jest.preset.cjs'),
  displayName: '@gaara/bench',
  rootDir: __dirname,
};
