// Fetching JSON for the panels: reads are public, actions carry the admin token from sessionStorage.

const tokenKey = 'gaara.adminToken';

/** The admin token entered this session, or '' (kept in sessionStorage: gone when the tab closes). */
export function adminToken(): string {
  return sessionStorage.getItem(tokenKey) ?? '';
}

/** Remembers the token for this tab ('' forgets it). */
export function setAdminToken(token: string): void {
  if (token === '') sessionStorage.removeItem(tokenKey);
  else sessionStorage.setItem(tokenKey, token);
}

/** A failed request, with the status and the answer's code when there was one. */
export class RequestFailed extends Error {
  constructor(
    public readonly status: number,
    message: string,
  ) {
    super(message);
    this.name = 'RequestFailed';
  }
}

/** GETs (or POSTs `body`) `url` and returns its JSON; `admin` adds the bearer token. Gives up after 4 s. */
export async function fetchJson<T>(
  url: string,
  options: {
    readonly admin?: boolean;
    readonly method?: 'GET' | 'POST';
    readonly body?: unknown;
  } = {},
): Promise<T> {
  const headers: Record<string, string> = {};
  if (options.admin === true) headers['authorization'] = `Bearer ${adminToken()}`;
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  let response: Response;
  try {
    response = await fetch(url, {
      method: options.method ?? 'GET',
      headers,
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
      signal: AbortSignal.timeout(4000),
    });
  } catch (error: unknown) {
    throw new RequestFailed(
      0,
      `gateway unreachable (${error instanceof Error ? error.name : 'error'})`,
    );
  }
  const text = await response.text();
  if (!response.ok)
    throw new RequestFailed(response.status, describeFailure(response.status, text));
  return JSON.parse(text) as T;
}

/** "503 prometheus unavailable", "401 admin token refused", … from an error answer of the gateway. */
function describeFailure(status: number, text: string): string {
  try {
    const body = JSON.parse(text) as {
      code?: unknown;
      dependency?: unknown;
      error?: unknown;
      reason?: unknown;
    };
    if (status === 401) return '401: admin token refused';
    if (typeof body.dependency === 'string') return `${status}: ${body.dependency} unavailable`;
    if (typeof body.reason === 'string') return `${status}: ${body.reason}`;
    if (typeof body.code === 'string') return `${status}: ${body.code}`;
  } catch {
    // Not JSON: the status alone says enough.
  }
  return `${status}`;
}
