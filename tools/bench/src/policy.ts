// npm run bench:policy: cost of @gaara/resilience's composed policy, in-process and around real loopback gRPC.
// Bounded (well under 2 minutes), loopback only; the last line is one JSON object for CI and the issue.
import { EchoBench, type LoadResult } from './grpc-load';
import { measureOverhead, measureReject } from './in-process';
import { round } from './stats';

const rounds = Number(process.env['BENCH_ROUNDS'] ?? 9);
const grpcRoundMs = Number(process.env['BENCH_ROUND_MS'] ?? 1000);

function describe(label: string, r: LoadResult): string {
  return `${label.padEnd(8)} ${Math.round(r.callsPerSecond).toString().padStart(7)} calls/s  p50 ${round(r.p50Us)} µs  p99 ${round(r.p99Us)} µs`;
}

async function main(): Promise<void> {
  const started = performance.now();
  console.log(`node ${process.version}, ${rounds} alternating rounds, medians`);

  const overhead = await measureOverhead(rounds, 200_000);
  console.log(
    `in-process: raw ${round(overhead.rawNs)} ns/call, policy ${round(overhead.policyNs)} ns/call, overhead ${round(overhead.overheadNs)} ns`,
  );
  const reject = await measureReject(rounds, 20_000);
  console.log(
    `open breaker reject: p50 ${round(reject.p50Us, 2)} µs, p99 ${round(reject.p99Us, 2)} µs`,
  );

  const bench = await EchoBench.start();
  const ratios: Record<number, number> = {};
  try {
    for (const concurrency of [16, 64]) {
      const { raw, policy, ratio } = await bench.compare(concurrency, rounds, grpcRoundMs);
      ratios[concurrency] = ratio;
      console.log(`gRPC unary Echo, concurrency ${concurrency}:`);
      console.log(`  ${describe('raw', raw)}`);
      console.log(`  ${describe('policy', policy)}`);
      console.log(`  ratio (median of per-round ratios) ${round(ratio, 3)}`);
    }
  } finally {
    await bench.stop();
  }
  console.log(`took ${round((performance.now() - started) / 1000, 1)} s`);
  console.log(
    JSON.stringify({
      bench: 'policy',
      ratio_c16: round(ratios[16], 3),
      ratio_c64: round(ratios[64], 3),
      overhead_ns: round(overhead.overheadNs),
      reject_p99_us: round(reject.p99Us, 1),
    }),
  );
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
