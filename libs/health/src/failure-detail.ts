/** Reads `code` of an unknown thrown value; errors from other realms fail `instanceof`, codes do not. */
export function errorCode(error: unknown): unknown {
  return typeof error === 'object' && error !== null
    ? (error as { code?: unknown }).code
    : undefined;
}

/**
 * A short reason a call to `dependency` failed, safe to show to users: built from the error's stable code
 * (resilience or gRPC), never from its message.
 */
export function failureDetail(dependency: string, error: unknown): string {
  switch (errorCode(error)) {
    case 'CIRCUIT_OPEN':
      return `${dependency} breaker open`;
    case 'CIRCUIT_ISOLATED':
      return `${dependency} breaker isolated`;
    case 'RESILIENCE_TIMEOUT':
    case 'DEADLINE_EXCEEDED':
      return `${dependency} timed out`;
    case 'BULKHEAD_FULL':
    case 'RESOURCE_EXHAUSTED':
      return `${dependency} overloaded`;
    case 'UNAVAILABLE':
    case 'ECONNREFUSED':
      return `${dependency} unreachable`;
    default:
      return `${dependency} failed`;
  }
}
