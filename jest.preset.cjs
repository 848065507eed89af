// Shared Jest settings: TypeScript and ESM-only dependencies (cockatiel 4) are compiled to CommonJS by swc.
const path = require('node:path');

/**
 * Packages Jest's CommonJS runtime must have compiled: cockatiel 4 and cookie (used by Fastify's inject) are
 * ESM-only, and OTel's OTLP exporter and resources load code through dynamic import(), which Jest rejects
 * (ERR_VM_DYNAMIC_IMPORT_CALLBACK_MISSING_FLAG).
 */
const transformedPackages = [
  'cockatiel',
  'cookie',
  '@opentelemetry/otlp-exporter-base',
  '@opentelemetry/resources',
];

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
  // Ignores node_modules files except those inside a listed package, at any nesting depth.
  transformIgnorePatterns: [
    `^(?!.*node_modules/(${transformedPackages.join('|')})/).*node_modules/`,
  ],
  reporters: ['default', path.join(__dirname, 'tools/scripts/jest-count-reporter.cjs')],
};
