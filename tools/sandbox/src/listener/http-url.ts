/** Base URL of an HTTP listener; IPv6 hosts get their brackets. */
export function httpUrl(host: string, port: number): string {
  return `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
}
