module.exports = {
  ...require('../../jest.preset.cjs'),
  displayName: '@gaara/grpc',
  rootDir: __dirname,
};
