const preset = require('../../jest.preset.cjs');

// Fastify's inject (light-my-request) requires `cookie`, which is ESM-only: swc compiles it like cockatiel.
const transformedPackages = [
  'cockatiel',
  'cookie',
  '@opentelemetry/otlp-exporter-base',
  '@opentelemetry/resources',
];

module.exports = {
  ...preset,
  displayName: '@gaara/gateway',
  rootDir: __dirname,
  transformIgnorePatterns: [
    `^(?!.*node_modules/(${transformedPackages.join('|')})/).*node_modules/`,
  ],
};
