// The local stack's processes, from the pid files tools/stack keeps (tools/stack/lib/*.sh).
import { join } from 'node:path';
import { childPids, livePid } from './proc-stats';

export interface StackPids {
  /** The Kafka broker (one JVM: every thread's time is in its /proc/<pid>/stat). */
  readonly kafka?: number;
  readonly jaeger?: number;
  /** The postmaster; its backends are its children (see {@link postgresPids}). */
  readonly postgres?: number;
}

/** Pids of the stack under `root` (the repository), each only when alive and really that program. */
export function stackPids(root: string): StackPids {
  const state = join(root, '.state/stack');
  return {
    kafka: livePid(join(state, 'kafka/kafka.pid'), 'kafka.Kafka'),
    jaeger: livePid(join(state, 'jaeger/jaeger.pid'), 'jaeger'),
    postgres: livePid(join(state, 'postgres/data/postmaster.pid'), 'postgres'),
  };
}

/** The postmaster and its current children (backends, walwriter, ...): PostgreSQL's CPU is their sum. */
export function postgresPids(postmaster: number | undefined): number[] {
  return postmaster === undefined ? [] : [postmaster, ...childPids(postmaster)];
}
