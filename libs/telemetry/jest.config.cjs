module.exports = { ...require('../../jest.preset.cjs'), displayName: '@gaara/telemetry', rootDir: __dirname };
