// Closed-loop HTTP load with autocannon (already a dependency): N connections, each sending its next request
// once the last was answered, for a bounded time and count; loopback targets only.
import { createRequire } from 'node:module';
import type { LatencySeries } from './latency-series';

/** One request as autocannon builds it. */
export interface LoadRequest {
  readonly method: 'GET' | 'POST';
  readonly path: string;
  readonly body?: string;
}

export interface LoadSpec {
  /** `http://127.0.0.1:<port>`; anything else is refused. */
  readonly baseUrl: string;
  readonly connections: number;
  /** Wall time of the round in seconds. */
  readonly seconds: number;
  /** Requests at most in the round (a bound besides the time). */
  readonly maxRequests: number;
  /** The next request to send (called once per request). */
  readonly next: () => LoadRequest;
  /** Every answer's status and body, when the caller needs them (e.g. ids of placed orders). */
  readonly onAnswer?: (status: number, body: string) => void;
  /** Where the latency of each 2xx answer goes (ms). */
  readonly latencies?: LatencySeries;
}

/** What one round measured. */
export interface LoadRound {
  /** 2xx answers. */
  readonly ok: number;
  /** Other answers, connection errors and timeouts. */
  readonly failed: number;
  /** Measured wall time in seconds. */
  readonly seconds: number;
  /** 2xx answers per second. */
  readonly rps: number;
  /** Answers per HTTP status. */
  readonly statuses: Readonly<Record<string, number>>;
}

interface AutocannonResult {
  readonly errors: number;
  readonly timeouts: number;
}
interface AutocannonInstance {
  on(
    event: 'response',
    listener: (client: unknown, status: number, bytes: number, ms: number) => void,
  ): void;
  stop(): void;
}
interface AutocannonRequest {
  readonly method: string;
  readonly path: string;
  readonly headers?: Readonly<Record<string, string>>;
  readonly setupRequest?: (request: Record<string, unknown>) => Record<string, unknown>;
  readonly onResponse?: (status: number, body: string) => void;
}
type Autocannon = (
  options: {
    url: string;
    connections: number;
    duration: number;
    maxOverallRequests: number;
    timeout: number;
    requests: readonly AutocannonRequest[];
  },
  done: (error: unknown, result: AutocannonResult) => void,
) => AutocannonInstance;

// autocannon ships no types; the wrapper above states the little of its API used here.
const autocannon = createRequire(__filename)('autocannon') as Autocannon;

/** Seconds past `seconds` after which a round that did not end by itself is stopped. */
const overrunSeconds = 20;

/** Runs one closed-loop round; rejects only when autocannon itself fails. */
export function runLoad(spec: LoadSpec): Promise<LoadRound> {
  if (!/^http:\/\/127\.0\.0\.1:\d+$/.test(spec.baseUrl)) {
    return Promise.reject(new Error(`loopback only: ${spec.baseUrl}`));
  }
  const statuses: Record<string, number> = {};
  let ok = 0;
  let answered = 0;
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const instance = autocannon(
      {
        url: spec.baseUrl,
        connections: spec.connections,
        duration: spec.seconds,
        // autocannon refuses fewer requests than connections.
        maxOverallRequests: Math.max(spec.connections, spec.maxRequests),
        timeout: 10,
        requests: [
          {
            method: 'GET',
            path: '/',
            headers: { 'content-type': 'application/json' },
            setupRequest: (request) => ({ ...request, ...spec.next() }),
            onResponse: spec.onAnswer,
          },
        ],
      },
      (error, result) => {
        clearTimeout(guard);
        if (error !== null && error !== undefined) return reject(error);
        const seconds = (performance.now() - started) / 1000;
        resolve({
          ok,
          failed: answered - ok + result.errors + result.timeouts,
          seconds,
          rps: seconds > 0 ? ok / seconds : Number.NaN,
          statuses,
        });
      },
    );
    instance.on('response', (_client, status, _bytes, ms) => {
      answered += 1;
      statuses[status] = (statuses[status] ?? 0) + 1;
      if (status >= 200 && status < 300) {
        ok += 1;
        spec.latencies?.add(ms);
      }
    });
    // The callback above runs only once the round ended, after this line.
    const guard = setTimeout(() => instance.stop(), (spec.seconds + overrunSeconds) * 1000);
  });
}
