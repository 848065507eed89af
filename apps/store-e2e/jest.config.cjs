// End-to-end tests: every process of the store really started (built dist), on loopback with ephemeral ports.
// One worker, files in path order: payments.spec.ts runs before store.spec.ts, whose last scenario stops the shared PostgreSQL.
const preset = require('../../jest.preset.cjs');

/** puppeteer-core 25 (console.spec.ts) and the packages it imports are ESM-only: swc compiles them too. */
const esmBrowserPackages = ['puppeteer-core', '@puppeteer/browsers', 'chromium-bidi', 'mitt'];

module.exports = {
  ...preset,
  displayName: '@gaara/store-e2e',
  rootDir: __dirname,
  globalSetup: '<rootDir>/../../tools/stack/jest-global-setup.cjs',
  maxWorkers: 1,
  testSequencer: '<rootDir>/test-sequencer.cjs',
  testTimeout: 60_000,
  transformIgnorePatterns: preset.transformIgnorePatterns.map((pattern) =>
    pattern.replace('node_modules/(', `node_modules/(${esmBrowserPackages.join('|')}|`),
  ),
};
