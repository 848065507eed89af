module.exports = { ...require('../../jest.preset.cjs'), displayName: '@gaara/stack', rootDir: __dirname };
