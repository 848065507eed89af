// Writes each Jest run's pass/fail counts to $GAARA_TEST_REPORT_DIR so the test command can print one total.
const fs = require('node:fs');
const path = require('node:path');

class JestCountReporter {
  constructor(globalConfig) {
    this.rootDir = globalConfig.rootDir;
  }

  onRunComplete(_contexts, results) {
    const dir = process.env.GAARA_TEST_REPORT_DIR;
    if (!dir) return;
    fs.mkdirSync(dir, { recursive: true });
    const name =
      path.relative(path.join(__dirname, '../..'), this.rootDir).replace(/[\\/]/g, '__') || 'root';
    const counts = {
      project: name,
      passed: results.numPassedTests,
      failed: results.numFailedTests + results.numRuntimeErrorTestSuites,
      skipped: results.numPendingTests + results.numTodoTests,
      suitesFailed: results.numFailedTestSuites,
    };
    fs.writeFileSync(path.join(dir, `${name}.json`), JSON.stringify(counts));
  }
}

module.exports = JestCountReporter;
