// The few answers of Prometheus's HTTP API the checks read.

/** One entry of `/api/v1/targets`' active targets. */
export interface ActiveTarget {
  readonly labels: Readonly<Record<string, string>>;
  readonly health: 'up' | 'down' | 'unknown';
  readonly lastError: string;
}

/** The active targets of the Prometheus at `baseUrl`; throws when it does not answer. */
export async function activeTargets(baseUrl: string): Promise<ActiveTarget[]> {
  const response = await fetch(`${baseUrl}/api/v1/targets?state=active`, {
    signal: AbortSignal.timeout(5_000),
  });
  if (!response.ok) throw new Error(`${baseUrl}/api/v1/targets answered ${response.status}`);
  const body = (await response.json()) as { data: { activeTargets: ActiveTarget[] } };
  return body.data.activeTargets;
}
