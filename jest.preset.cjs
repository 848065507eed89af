// Shared Jest settings: TypeScript and ESM-only dependencies (cockatiel 4) are compiled to CommonJS by swc.
const path = require('node:path');

/** ESM-only packages that Jest's CommonJS runtime must have transformed. */
const esmOnlyPackages = ['cockatiel'];

module.exports = {
  testEnvironment: 'node',
  // Libraries resolve to their TypeScript sources, as in tsconfig's customConditions.
  testEnvironmentOptions: {
    customExportConditions: ['@gaara/source', 'node', 'require', 'default'],
  },
  moduleFileExtensions: ['ts', 'js', 'mjs', 'cjs', 'json'],
  testMatch: ['<rootDir>/src/**/*.spec.ts'],
  transform: {
    '^.+\\.(ts|js|mjs)$': [
      '@swc/jest',
      {
        jsc: { parser: { syntax: 'typescript' }, target: 'es2023' },
        module: { type: 'commonjs' },
        sourceMaps: 'inline',
      },
    ],
  },
  transformIgnorePatterns: [`node_modules/(?!(${esmOnlyPackages.join('|')})/)`],
  reporters: ['default', path.join(__dirname, 'tools/scripts/jest-count-reporter.cjs')],
};
