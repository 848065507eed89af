/** The sandbox's third-party endpoints at `host`: what the services' provider, SMTP and data-API URLs point at. */
export function sandboxUrls(
  host: string,
  ports: { readonly external: number; readonly payment: number; readonly smtp: number },
) {
  return {
    externalApiUrl: `http://${host}:${ports.external}/external/data`,
    paymentProviderUrl: `http://${host}:${ports.payment}`,
    smtpUrl: `smtp://${host}:${ports.smtp}`,
  } as const;
}
