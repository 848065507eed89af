/** A dependency cannot answer now (down, timed out, breaker open); the caller may retry after `retryAfterSeconds`. */
export class ServiceUnavailableError extends Error {
  public readonly code = 'SERVICE_UNAVAILABLE';

  constructor(
    public readonly dependency: string,
    public readonly retryAfterSeconds: number,
    options?: { cause?: unknown },
  ) {
    super(`${dependency} is unavailable`, options);
    this.name = 'ServiceUnavailableError';
  }
}

/** The external API answered with a non-2xx status; `status` lets the HTTP classifier judge it. */
export class ExternalApiStatusError extends Error {
  public readonly code = 'EXTERNAL_API_STATUS';

  constructor(public readonly status: number) {
    super(`External API answered ${status}`);
    this.name = 'ExternalApiStatusError';
  }
}

/** A money amount does not fit a JSON number exactly; refusing beats rounding someone's bill. */
export class MoneyOutOfRangeError extends Error {
  public readonly code = 'MONEY_OUT_OF_RANGE';

  constructor() {
    super('Money amount exceeds the safe integer range');
    this.name = 'MoneyOutOfRangeError';
  }
}
