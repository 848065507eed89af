import { testingV1 } from '@gaara/contracts';
import { createClient, startGrpcServer, type GrpcClient, type GrpcServer } from '@gaara/grpc';
import { createPolicy, type Policy } from '@gaara/resilience';
import { median, quantile } from './stats';

/** Result of one variant at one concurrency: medians over rounds. */
export interface LoadResult {
  readonly callsPerSecond: number;
  readonly p50Us: number;
  readonly p99Us: number;
}

type Call = () => Promise<unknown>;

/** Closed-loop load: `concurrency` workers call back to back for `durationMs`. */
async function load(
  call: Call,
  concurrency: number,
  durationMs: number,
): Promise<{ rate: number; p50: number; p99: number }> {
  const latencies: number[] = [];
  const end = performance.now() + durationMs;
  let done = 0;
  const worker = async (): Promise<void> => {
    while (performance.now() < end) {
      const start = performance.now();
      await call();
      latencies.push((performance.now() - start) * 1000);
      done++;
    }
  };
  const started = performance.now();
  await Promise.all(Array.from({ length: concurrency }, worker));
  const elapsed = performance.now() - started;
  const samples = Float64Array.from(latencies);
  return {
    rate: (done / elapsed) * 1000,
    p50: quantile(samples, 0.5),
    p99: quantile(samples, 0.99),
  };
}

/** A loopback Echo server and client, raw and through the full composed policy. */
export class EchoBench {
  private constructor(
    private readonly server: GrpcServer,
    private readonly client: GrpcClient<typeof testingV1.EchoService>,
    private readonly policy: Policy,
  ) {}

  static async start(): Promise<EchoBench> {
    const server = await startGrpcServer({
      host: '127.0.0.1',
      port: 0,
      services: [
        {
          service: testingV1.EchoService,
          implementation: {
            echo: (req) => ({ message: req.message }),
            async *countUp() {
              // The benchmark only calls Echo; CountUp streams nothing.
              yield* [];
            },
          },
        },
      ],
      handleSignals: false,
    });
    const client = createClient(testingV1.EchoService, `127.0.0.1:${server.port}`);
    const policy = createPolicy(
      'bench_echo',
      { bulkhead: { limit: 128, queue: 128 } },
      { registry: false },
    );
    return new EchoBench(server, client, policy);
  }

  /** Runs raw and policy variants alternately for `rounds` rounds. */
  async compare(
    concurrency: number,
    rounds: number,
    durationMs: number,
  ): Promise<{ raw: LoadResult; policy: LoadResult; ratio: number }> {
    const request = { message: 'ping' };
    const raw: Call = () => this.client.echo(request);
    // The policy hands its signal and timeout to the client, so an expired attempt is cancelled on the wire.
    const wrapped: Call = () =>
      this.policy.execute(({ signal, timeoutMs }) =>
        this.client.echo(request, { signal, deadlineMs: timeoutMs }),
      );
    await load(raw, concurrency, durationMs / 2); // warm-up both paths
    await load(wrapped, concurrency, durationMs / 2);
    const results = {
      raw: [] as Array<Awaited<ReturnType<typeof load>>>,
      policy: [] as Array<Awaited<ReturnType<typeof load>>>,
    };
    for (let r = 0; r < rounds; r++) {
      const order = r % 2 === 0 ? (['raw', 'policy'] as const) : (['policy', 'raw'] as const);
      for (const variant of order) {
        results[variant].push(
          await load(variant === 'raw' ? raw : wrapped, concurrency, durationMs),
        );
      }
    }
    const summarize = (list: Array<Awaited<ReturnType<typeof load>>>): LoadResult => ({
      callsPerSecond: median(list.map((x) => x.rate)),
      p50Us: median(list.map((x) => x.p50)),
      p99Us: median(list.map((x) => x.p99)),
    });
    // Paired ratio: each round's two runs share the machine's momentary load, so their quotient is steadier
    // than a quotient of medians on a busy host.
    const ratio = median(results.policy.map((p, i) => p.rate / results.raw[i].rate));
    return { raw: summarize(results.raw), policy: summarize(results.policy), ratio };
  }

  async stop(): Promise<void> {
    this.policy.dispose();
    this.client.close();
    await this.server.shutdown();
  }
}
