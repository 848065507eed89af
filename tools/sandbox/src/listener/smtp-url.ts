/** URL of an SMTP listener, e.g. `smtp://127.0.0.1:2525`; IPv6 hosts get their brackets. */
export function smtpUrl(host: string, port: number): string {
  return `smtp://${host.includes(':') ? `[${host}]` : host}:${port}`;
}
