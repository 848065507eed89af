// Jest globalSetup for integration specs: starts the local stack (idempotent) or fails the run clearly.
// Use from any project: globalSetup: require.resolve('<root>/tools/stack/jest-global-setup.cjs').
// GAARA_STACK_SKIP_START=1 skips it when the services are managed elsewhere.
'use strict';
const { spawnSync } = require('node:child_process');
const path = require('node:path');

const stackScript = path.join(__dirname, 'stack');

module.exports = async function startStack() {
  if (process.env.GAARA_STACK_SKIP_START === '1') return;
  // Jest prints nothing before this returns, so stream the stack's own progress lines.
  const result = spawnSync('bash', [stackScript, 'start'], {
    stdio: ['ignore', 'inherit', 'inherit'],
    timeout: 15 * 60_000,
  });
  if (result.error) {
    throw new Error(`tools/stack/stack start could not run: ${result.error.message}`);
  }
  if (result.status !== 0) {
    throw new Error(
      `tools/stack/stack start failed (exit ${result.status ?? result.signal}); see the lines above and .state/stack/logs/`,
    );
  }
};
