import { ServiceUnavailableError } from '../errors/gateway-errors';

/** Options of {@link UpstreamProxy}. */
export interface UpstreamProxyOptions {
  /** Names the upstream in 503 answers, e.g. "prometheus". */
  readonly dependency: string;
  /** Base URL, e.g. http://127.0.0.1:9090 (a trailing slash is ignored). */
  readonly baseUrl: string;
  /** Budget of one upstream call, in milliseconds; defaults to 3000. */
  readonly timeoutMs?: number;
  readonly fetch?: typeof fetch;
}

/** Seconds the console is told to wait before asking a failed upstream again (it refreshes every 2 s anyway). */
const retryAfterSeconds = 2;

/**
 * GETs JSON from a monitoring upstream (Prometheus, Jaeger's query API) for the console, so the browser needs
 * no CORS. Deliberately no breaker: the console's sources must never count in the store's own health.
 */
export class UpstreamProxy {
  private readonly baseUrl: string;

  constructor(private readonly options: UpstreamProxyOptions) {
    this.baseUrl = options.baseUrl.replace(/\/+$/, '');
  }

  /**
   * The upstream's JSON answer to GET `path` (with its leading slash) and `query` (raw, without '?').
   * @throws ServiceUnavailableError when the upstream is unreachable, slow, answers non-2xx or not JSON
   */
  async get(path: string, query: string): Promise<unknown> {
    const url = `${this.baseUrl}${path}${query === '' ? '' : `?${query}`}`;
    const fetchImpl = this.options.fetch ?? fetch;
    try {
      const response = await fetchImpl(url, {
        signal: AbortSignal.timeout(this.options.timeoutMs ?? 3000),
        headers: { accept: 'application/json' },
      });
      if (!response.ok) throw new Error(`upstream answered ${response.status}`);
      return (await response.json()) as unknown;
    } catch (error: unknown) {
      throw new ServiceUnavailableError(this.options.dependency, retryAfterSeconds, {
        cause: error,
      });
    }
  }
}
