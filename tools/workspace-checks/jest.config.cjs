module.exports = {
  ...require('../../jest.preset.cjs'),
  displayName: '@gaara/workspace-checks',
  rootDir: __dirname,
};
