// The faults of a chaos run, each applied and then reverted while orders flow.
import { pollUntil, type RunningStore, type ServiceName } from '@gaara/launcher';
import type { SandboxControlClient } from '@gaara/sandbox';
import type { Toxic, Toxiproxy } from './toxiproxy';

/** What a fault acts on. */
export interface FaultContext {
  readonly store: RunningStore;
  readonly toxiproxy: Toxiproxy;
  readonly sandbox: SandboxControlClient;
  /** Runs `tools/stack/stack <args>` (stop/start of PostgreSQL, Kafka, Jaeger). */
  /** Runs `tools/stack/stack <args>` (start/stop of PostgreSQL, Kafka, Jaeger) without blocking the event loop. */
  readonly stack: (...args: string[]) => Promise<void>;
}

export interface Fault {
  readonly name: string;
  apply(ctx: FaultContext): Promise<void>;
  /** Ends the fault (for a killed process: waits for the supervisor's restart). */
  revert(ctx: FaultContext): Promise<void>;
}

/** Proxies the run puts between the store and its dependencies (names of toxiproxy proxies). */
export const proxiedDependencies = ['postgres', 'kafka', 'provider'] as const;
export type ProxiedDependency = (typeof proxiedDependencies)[number];

/** Network faults, as toxiproxy toxics: 500 ms latency, a black hole, connections reset, a slow link. */
const networkToxics: Readonly<Record<string, Toxic>> = {
  latency: { name: 'latency', type: 'latency', attributes: { latency: 500, jitter: 50 } },
  // timeout 0: data is dropped and the connection stays open until the client gives up.
  blackhole: { name: 'blackhole', type: 'timeout', attributes: { timeout: 0 } },
  reset: { name: 'reset', type: 'reset_peer', attributes: { timeout: 0 } },
  // 16 KB/s each way: a link slow enough that a batch of rows or messages takes seconds.
  slow: { name: 'slow', type: 'bandwidth', attributes: { rate: 16 } },
};

function stackStopped(part: 'postgres' | 'kafka' | 'jaeger'): Fault {
  return {
    name: `${part}-stopped`,
    apply: async (ctx) => ctx.stack('stop', part),
    revert: async (ctx) => ctx.stack('start', part),
  };
}

function killed(service: ServiceName): Fault {
  let killedPid: number | undefined;
  return {
    name: `${service}-killed`,
    // Signalled directly, not through store.kill (which marks the stop as wanted): a crash, as the OOM killer does.
    apply: async (ctx) => {
      killedPid = ctx.store.state(service).pid;
      if (killedPid === undefined) throw new Error(`${service} is not running`);
      process.kill(killedPid, 'SIGKILL');
    },
    // The launcher's supervisor restarts it (as `npm start` does); the fault lasts until it is ready again.
    revert: async (ctx) => {
      const restarted = await pollUntil(async () => {
        const state = ctx.store.state(service);
        return state.alive && state.pid !== killedPid;
      }, 60_000);
      if (!restarted) throw new Error(`${service} was not restarted within 60 s`);
      // Listening, not healthy: the store may still be degraded by the crash; recovery is judged after this.
      await ctx.store.waitReady(service, 'listening', 60_000);
    },
  };
}

function provider(name: string, faults: Record<string, unknown>): Fault {
  return {
    name,
    apply: async (ctx) => void (await ctx.sandbox.setFaults('payment', faults)),
    revert: async (ctx) => void (await ctx.sandbox.reset('payment')),
  };
}

function network(dependency: ProxiedDependency, toxic: string): Fault {
  const both = (stream: 'upstream' | 'downstream'): Toxic => ({
    ...networkToxics[toxic],
    name: `${toxic}-${stream}`,
    stream,
  });
  return {
    name: `${dependency}-net-${toxic}`,
    apply: async (ctx) => {
      await ctx.toxiproxy.addToxic(dependency, both('downstream'));
      if (toxic === 'slow') await ctx.toxiproxy.addToxic(dependency, both('upstream'));
    },
    revert: (ctx) => ctx.toxiproxy.reset(),
  };
}

/** Every fault of the full run, in order. */
export function allFaults(): Fault[] {
  return [
    stackStopped('postgres'),
    stackStopped('kafka'),
    stackStopped('jaeger'),
    ...(['catalog', 'invoice', 'payment', 'notification', 'aggregator', 'gateway'] as const).map(
      killed,
    ),
    provider('provider-down', { down: true }),
    provider('provider-hanging', { hang: true }),
    provider('provider-50pct-errors', { errorRate: 0.5 }),
    {
      name: 'smtp-down',
      apply: async (ctx) => void (await ctx.sandbox.setFaults('smtp', { down: true })),
      revert: async (ctx) => void (await ctx.sandbox.setFaults('smtp', { down: false })),
    },
    ...proxiedDependencies.flatMap((dependency) =>
      Object.keys(networkToxics).map((toxic) => network(dependency, toxic)),
    ),
  ];
}

/** The faults named in `names`, in the order given. @throws for a name that is not a fault */
export function faultsNamed(names: readonly string[]): Fault[] {
  const all = new Map(allFaults().map((f) => [f.name, f]));
  return names.map((name) => {
    const fault = all.get(name);
    if (fault === undefined) {
      throw new Error(`unknown fault "${name}"; known: ${[...all.keys()].join(', ')}`);
    }
    return fault;
  });
}
