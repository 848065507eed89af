import { ResponseCache, type Policy } from '@gaara/resilience';
import { asUnavailable } from '../errors/call-dependency';
import { ExternalApiStatusError } from '../errors/gateway-errors';

/** The external data and whether it is the last good copy. */
export interface ExternalData {
  readonly data: unknown;
  readonly cached: boolean;
}

export interface ExternalDataSourceOptions {
  readonly url: string;
  readonly token: string;
  /** The 'external_api' policy: breaker 50 % / 60 s, 5 s timeout per attempt, 3 attempts with backoff. */
  readonly policy: Policy;
  readonly fetch?: typeof fetch;
}

/**
 * The third-party data API (the spec's GET /api/external-data): every call through the 'external_api' policy,
 * whose timeout aborts the fetch itself. Any failure (open breaker, timeout, refused connection, 5xx, even a
 * 4xx from a misconfigured token) is answered with the last good copy when one exists.
 */
export class ExternalDataSource {
  private readonly cache = new ResponseCache<'data', unknown>({
    name: 'external_api',
    maxEntries: 1,
    // Every failure may fall back: the user asked for data, not for the provider's error.
    classify: () => 'failure',
  });
  private readonly fetch: typeof fetch;

  constructor(private readonly options: ExternalDataSourceOptions) {
    this.fetch = options.fetch ?? globalThis.fetch;
  }

  /** @throws ServiceUnavailableError when the API failed and no copy exists */
  async get(): Promise<ExternalData> {
    try {
      const result = await this.cache.get('data', () =>
        this.options.policy.execute(({ signal }) => this.fetchOnce(signal)),
      );
      return { data: result.value, cached: result.fromCache };
    } catch (error: unknown) {
      return asUnavailable('external_api', this.options.policy, failureAsUnavailable(error));
    }
  }

  private async fetchOnce(signal: AbortSignal): Promise<unknown> {
    const response = await this.fetch(this.options.url, {
      headers: { authorization: `Bearer ${this.options.token}`, accept: 'application/json' },
      signal,
    });
    if (!response.ok) {
      await response.body?.cancel();
      throw new ExternalApiStatusError(response.status);
    }
    return (await response.json()) as unknown;
  }
}

/** For this route every failure without a copy is "Service unavailable", whatever its kind. */
function failureAsUnavailable(error: unknown): unknown {
  const code =
    typeof error === 'object' && error !== null ? (error as { code?: unknown }).code : undefined;
  return code === 'CIRCUIT_OPEN' || code === 'CIRCUIT_ISOLATED' || code === 'RESILIENCE_TIMEOUT'
    ? error
    : Object.assign(new Error('external API failed', { cause: error }), { code: 'UNAVAILABLE' });
}
