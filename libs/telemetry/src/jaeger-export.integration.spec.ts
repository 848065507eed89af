import { randomUUID } from 'node:crypto';
import { startTelemetry } from './start-telemetry';
import { httpGet } from './testing/network';

// Needs Jaeger from tools/stack (started by this project's Jest globalSetup).
const queryPort = process.env['GAARA_JAEGER_QUERY_PORT'] ?? '16686';
const otlpHttpPort = process.env['GAARA_JAEGER_OTLP_HTTP_PORT'] ?? '4318';

interface JaegerTrace {
  traceID: string;
  spans: {
    spanID: string;
    operationName: string;
    processID: string;
    tags: { key: string; type: string; value: unknown }[];
  }[];
  processes: Record<
    string,
    { serviceName: string; tags: { key: string; type: string; value: unknown }[] }
  >;
}

/** Polls Jaeger's query API until it returns traces for `service`, for at most `deadlineMs` milliseconds. */
async function tracesOf(service: string, deadlineMs: number): Promise<JaegerTrace[]> {
  const deadline = Date.now() + deadlineMs;
  for (;;) {
    const response = await httpGet(
      `http://127.0.0.1:${queryPort}/api/traces?service=${encodeURIComponent(service)}`,
    );
    if (response.status === 200) {
      const traces = (JSON.parse(response.body) as { data: JaegerTrace[] | null }).data ?? [];
      if (traces.length > 0) return traces;
    }
    if (Date.now() > deadline) return [];
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

describe('export to Jaeger', () => {
  it('delivers a span that Jaeger serves back by service name', async () => {
    const serviceName = `telemetry-it-${randomUUID().slice(0, 8)}`;
    const telemetry = startTelemetry({
      serviceName,
      serviceVersion: '9.9.9',
      deploymentEnvironment: 'test',
      otlpEndpoint: `http://127.0.0.1:${otlpHttpPort}`,
      metricsPort: false,
      logLevel: 'silent',
    });
    let traceId = '';
    try {
      telemetry.tracer.startActiveSpan('integration-check', (parent) => {
        traceId = parent.spanContext().traceId;
        telemetry.tracer.startSpan('child-step').end();
        parent.setAttribute('gaara.check', 'ok');
        parent.end();
      });
    } finally {
      await telemetry.shutdown();
    }

    const traces = await tracesOf(serviceName, 15_000);

    expect(traces.map((t) => t.traceID)).toEqual([traceId]);
    const [found] = traces;
    expect(found?.spans.map((span) => span.operationName).sort()).toEqual([
      'child-step',
      'integration-check',
    ]);
    const process = Object.values(found?.processes ?? {})[0];
    expect(process?.serviceName).toBe(serviceName);
    expect(process?.tags).toEqual(
      expect.arrayContaining([
        { key: 'service.version', type: 'string', value: '9.9.9' },
        { key: 'deployment.environment', type: 'string', value: 'test' },
      ]),
    );
  }, 30_000);
});
