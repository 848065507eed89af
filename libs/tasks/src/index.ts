// Public API of @gaara/tasks: the durable-task ledger payment and notification share.
export { leaseFromNow } from './lease';
export { startSweeper, type Sweeper } from './lease-sweeper';
export { TaskLedger } from './task-ledger';
