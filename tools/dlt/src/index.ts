// Public API of @gaara/dlt: the CLI as a function, for tests and other tools.
export { KafkaUnreachableError, UsageError } from './dlt-errors';
export { dltEnv, loadDltEnv, topologyOf, type DltEnv } from './dlt-env';
export { parseArgs, usage, type DltCommand, type QueueName } from './parse-args';
export { exitCodes, runDlt, type DltIo } from './run-dlt';
