// `npm run chaos`: every fault in turn under an order load; one JSON line per fault, then {"faults":[...]}.
// Exits 1 when a target is missed (the figures say which), 2 on a usage error.
import { resolve } from 'node:path';
import { parseChaosArgs } from './chaos-args';
import { runChaos } from './chaos-run';
import type { FaultReport } from './fault-report';
import { allFaults, faultsNamed } from './faults';

const log = (line: string): void => void process.stderr.write(`chaos: ${line}\n`);

async function main(): Promise<number> {
  let args;
  try {
    args = parseChaosArgs(process.argv.slice(2));
  } catch (error: unknown) {
    log(error instanceof Error ? error.message : String(error));
    return 2;
  }
  const faults = args.faults.length === 0 ? allFaults() : faultsNamed(args.faults);
  // Bounded: every fault, its recovery wait and the settlement, plus start-up.
  const boundMs =
    (faults.length * (args.faultSeconds + args.breakerOpenMs / 1000 + 95) +
      args.settleSeconds +
      180) *
    1000;
  setTimeout(() => {
    log(`over the ${Math.round(boundMs / 1000)} s bound, giving up`);
    process.exit(1);
  }, boundMs).unref();
  const reports = await runChaos({ ...args, root: resolve(__dirname, '../../..'), faults, log });
  for (const report of reports) process.stdout.write(`${JSON.stringify(report)}\n`);
  process.stdout.write(`${JSON.stringify({ faults: reports })}\n`);
  const latency = new Set(['p99_ms', 'recovery_s']);
  const enforced = (r: FaultReport): readonly string[] =>
    args.enforce === 'all' ? r.missed : r.missed.filter((m) => !latency.has(m));
  const missed = reports.filter((r) => enforced(r).length > 0);
  const describe = (r: FaultReport): string => `${r.fault} (${r.missed.join(', ')})`;
  const unmet = reports.filter((r) => !r.targets_met);
  log(
    unmet.length === 0 ? 'every target met' : `targets missed: ${unmet.map(describe).join('; ')}`,
  );
  if (args.enforce === 'correctness') {
    log(
      missed.length === 0
        ? 'correctness targets met (p99 and recovery reported, not enforced)'
        : 'correctness targets missed',
    );
  }
  return missed.length === 0 ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    log(`failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    process.exit(1);
  },
);
