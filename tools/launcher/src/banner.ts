import type { StorePorts } from './launcher';

/** What the start banner shows: where every part of the store is, and examples that work when pasted. */
export interface BannerFacts {
  readonly ports: StorePorts;
  readonly logDir: string;
  /** PostgreSQL, Kafka and Jaeger of the local stack. */
  readonly pgUrl: string;
  readonly kafka: string;
  readonly jaegerUrl: string;
  /** The local Prometheus, which scrapes this store (its target file is labelled with the run id). */
  readonly prometheusUrl: string;
  /** The admin token of this run, and whether it was generated for it. */
  readonly adminToken: string;
  readonly adminTokenGenerated: boolean;
  /** A product of the seeded catalogue that is in stock. */
  readonly exampleProductId: string;
  /** The example order's idempotency key (unique per run, so pasting it twice shows the same invoice). */
  readonly idempotencyKey: string;
}

/** The example order's JSON body: complete, so it answers 202 as printed. */
export function exampleOrder(
  facts: Pick<BannerFacts, 'exampleProductId' | 'idempotencyKey'>,
): string {
  return JSON.stringify({
    customerId: 'c-1',
    customerEmail: 'ada@example.com',
    items: [{ productId: facts.exampleProductId, quantity: 1 }],
    // The sandbox provider's test token that always succeeds (tok_chargeDeclined declines).
    paymentMethod: 'tok_visa',
    idempotencyKey: facts.idempotencyKey,
  });
}

/** The `curl` line that places the example order, as printed (one line, so it pastes as one command). */
export function exampleOrderCommand(gatewayUrl: string, body: string): string {
  return `curl -i -X POST ${gatewayUrl}/api/orders -H 'content-type: application/json' -d '${body}'`;
}

/** The `curl` line that lists the payments' dead letters with the admin token. */
export function adminExampleCommand(gatewayUrl: string, adminToken: string): string {
  return `curl -i -H 'authorization: Bearer ${adminToken}' ${gatewayUrl}/admin/dead-letters/payments`;
}

/** The banner `npm start` prints once every service is ready. */
export function storeBanner(facts: BannerFacts): string {
  const { ports } = facts;
  const http = (port: number): string => `http://127.0.0.1:${port}`;
  const gw = http(ports.gateway);
  const grpc = (['catalog', 'invoice', 'payment', 'notification', 'aggregator'] as const)
    .map((name) => `${name} 127.0.0.1:${ports[name]}`)
    .join(', ');
  const metrics = (['catalog', 'invoice', 'payment', 'notification', 'aggregator'] as const)
    .map((name) => `${name} :${ports[`${name}Metrics`]}`)
    .join(', ');
  const tokenNote = facts.adminTokenGenerated
    ? 'generated for this run; set GAARA_ADMIN_TOKEN to choose one'
    : 'from GAARA_ADMIN_TOKEN';
  return `
The store is up (logs in ${facts.logDir}).
  Gateway:           ${gw}   (HTTP API, /health, /metrics)
  Console:           ${gw}/console   (dashboard, breakers, dead letters, alerts, plots, traces; actions need the admin token)
  Jaeger:            ${facts.jaegerUrl}   (query API: /api/services, /api/traces?service=gateway)
  Prometheus:        ${facts.prometheusUrl}   (this store's targets, alert rules; query API /api/v1/query)
  PostgreSQL:        ${facts.pgUrl}
  Kafka:             ${facts.kafka}
  gRPC services:     ${grpc}
  Service metrics:   ${metrics}   (path /metrics)
  Sandbox controls:  ${http(ports.sandbox)}/_control   (faults of the external API, payment provider and SMTP)
  Sandbox endpoints: external API ${http(ports.sandboxExternal)}/external/data, payment provider ${http(ports.sandboxPayment)}, SMTP smtp://127.0.0.1:${ports.sandboxSmtp}
  Sent e-mails:      ${http(ports.sandbox)}/_control/smtp/messages
  Admin token:       ${facts.adminToken}   (${tokenNote})
Try:
  curl ${gw}/api/products?pageSize=3
  ${exampleOrderCommand(gw, exampleOrder(facts))}
  curl ${gw}/api/invoices/<invoice.id from the answer>
  curl ${gw}/api/dashboard
  curl ${gw}/health
  ${adminExampleCommand(gw, facts.adminToken)}
Supervised: a service that exits unexpectedly is restarted (1 s, 2 s, 4 s … at most 30 s).
Ctrl-C stops every service (the infrastructure stays up: npm run stack -- stop).`;
}
