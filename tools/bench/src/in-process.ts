import { createPolicy } from '@gaara/resilience';
import { median, quantile } from './stats';

const noop = async (): Promise<void> => undefined;

/** Nanoseconds per call of `fn`, awaited one after another. */
async function nsPerCall(fn: () => Promise<unknown>, calls: number): Promise<number> {
  const start = process.hrtime.bigint();
  for (let i = 0; i < calls; i++) await fn();
  return Number(process.hrtime.bigint() - start) / calls;
}

/**
 * Overhead of the full composed policy (retry, breaker, bulkhead, timeout) around an async no-op:
 * alternating raw and policy rounds, median of the per-round differences, in nanoseconds.
 */
export async function measureOverhead(
  rounds: number,
  calls: number,
): Promise<{ rawNs: number; policyNs: number; overheadNs: number }> {
  const policy = createPolicy('bench_overhead', {}, { registry: false });
  const raw = (): Promise<void> => noop();
  const wrapped = (): Promise<void> => policy.execute(noop);
  await nsPerCall(raw, calls); // warm-up: JIT both paths before measuring
  await nsPerCall(wrapped, calls);
  const raws: number[] = [];
  const policies: number[] = [];
  const diffs: number[] = [];
  for (let r = 0; r < rounds; r++) {
    const first = r % 2 === 0;
    const a = first ? await nsPerCall(raw, calls) : 0;
    const p = await nsPerCall(wrapped, calls);
    const b = first ? a : await nsPerCall(raw, calls);
    raws.push(b);
    policies.push(p);
    diffs.push(p - b);
  }
  policy.dispose();
  return { rawNs: median(raws), policyNs: median(policies), overheadNs: median(diffs) };
}

/** Latency of calls rejected by an open breaker, per round p50/p99 in microseconds, medians over rounds. */
export async function measureReject(
  rounds: number,
  calls: number,
): Promise<{ p50Us: number; p99Us: number }> {
  const policy = createPolicy(
    'bench_reject',
    { breaker: { minimumCalls: 1 } },
    { registry: false },
  );
  await policy
    .execute(() => Promise.reject(Object.assign(new Error('down'), { code: 'UNAVAILABLE' })))
    .catch(() => undefined);
  if (policy.breaker.state !== 'open')
    throw new Error(`breaker should be open, is ${policy.breaker.state}`);
  const ignore = (): undefined => undefined;
  const p50s: number[] = [];
  const p99s: number[] = [];
  for (let r = -1; r < rounds; r++) {
    const samples = new Float64Array(calls);
    for (let i = 0; i < calls; i++) {
      const start = process.hrtime.bigint();
      await policy.execute(noop).catch(ignore);
      samples[i] = Number(process.hrtime.bigint() - start) / 1000;
    }
    if (r < 0) continue; // warm-up round
    p50s.push(quantile(samples, 0.5));
    p99s.push(quantile(samples, 0.99));
  }
  policy.dispose();
  return { p50Us: median(p50s), p99Us: median(p99s) };
}
