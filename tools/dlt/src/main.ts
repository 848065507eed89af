#!/usr/bin/env node
// The dead-letter CLI: `node tools/dlt/dist/main.js list payments --limit 10`; see parse-args.ts for the usage.
import { runDlt } from './run-dlt';

/** Exits once stdout and stderr are flushed: a Kafka client still retrying in the background must not hold us. */
function exitAfterFlush(code: number): void {
  process.stdout.write('', () => process.stderr.write('', () => process.exit(code)));
}

runDlt(process.argv.slice(2), process.env, {
  out: (line) => console.log(line),
  err: (line) => console.error(line),
}).then(exitAfterFlush, (error: unknown) => {
  console.error(error);
  exitAfterFlush(1);
});
