// Adds up the Jest counts written by jest-count-reporter.cjs and the gates, prints "N passed, N failed" last.
const fs = require('node:fs');
const path = require('node:path');

const [reportDir, testsExit, gatesPassed, gatesFailed, ...failedGates] = process.argv.slice(2);
const reports = fs
  .readdirSync(reportDir)
  .filter((file) => file.endsWith('.json'))
  .map((file) => JSON.parse(fs.readFileSync(path.join(reportDir, file), 'utf8')));

let passed = Number(gatesPassed);
let failed = Number(gatesFailed);
for (const report of reports) {
  passed += report.passed;
  failed += report.failed;
  console.log(
    `  ${report.project}: ${report.passed} passed, ${report.failed} failed, ${report.skipped} skipped`,
  );
}
// A Jest run that crashed before reporting still fails the command.
if (Number(testsExit) !== 0 && reports.every((report) => report.failed === 0)) {
  failed += 1;
  console.log('  test run exited non-zero without a failed test: counted as one failure');
}
for (const gate of failedGates) console.log(`  failed gate: ${gate}`);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
