// Runs the end-to-end spec files in path order: store.spec.ts ends by stopping the shared PostgreSQL, so it must run last.
'use strict';
const Sequencer = require('@jest/test-sequencer').default;

module.exports = class PathOrderSequencer extends Sequencer {
  sort(tests) {
    return [...tests].sort((a, b) => a.path.localeCompare(b.path));
  }
};
