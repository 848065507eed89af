// Public API of @gaara/chaos (for its specs and other tools): the faults, the run and the verdict.
export { parseChaosArgs, SHORT_FAULTS, type ChaosArgs } from './chaos-args';
export { runChaos, ANSWER_P99_TARGET_MS, type ChaosOptions } from './chaos-run';
export { reportFault, type FaultReport, type FaultWindow, type Ledger } from './fault-report';
export { allFaults, faultsNamed, type Fault, type FaultContext } from './faults';
