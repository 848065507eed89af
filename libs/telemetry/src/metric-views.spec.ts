import { PrometheusExporter, PrometheusSerializer } from '@opentelemetry/exporter-prometheus';
import { MeterProvider } from '@opentelemetry/sdk-metrics';
import { metricViews } from './metric-views';

/** The Prometheus text of what the instrumentations' meters recorded, with the services' views. */
async function exposition(record: (provider: MeterProvider) => void): Promise<string> {
  const reader = new PrometheusExporter({ preventServerStart: true });
  const provider = new MeterProvider({ readers: [reader], views: metricViews() });
  try {
    record(provider);
    const { resourceMetrics } = await reader.collect();
    return new PrometheusSerializer().serialize(resourceMetrics);
  } finally {
    await provider.shutdown();
  }
}

describe('metricViews', () => {
  it('exports one http_client_request_duration family (undici) and keeps the server histogram', async () => {
    const text = await exposition((provider) => {
      const http = provider.getMeter('@opentelemetry/instrumentation-http');
      const undici = provider.getMeter('@opentelemetry/instrumentation-undici');
      http
        .createHistogram('http.client.request.duration', {
          description: 'Duration of HTTP client requests.',
          unit: 's',
        })
        .record(0.01, { 'server.port': 4318 });
      http
        .createHistogram('http.server.request.duration', { unit: 's' })
        .record(0.02, { 'http.route': '/api/orders' });
      undici
        .createHistogram('http.client.request.duration', {
          description: 'Measures the duration of outbound HTTP requests.',
          unit: 's',
        })
        .record(0.03, { 'server.port': 8092 });
    });

    expect(text.match(/^# HELP http_client_request_duration /gm)).toHaveLength(1);
    expect(text).toMatch(
      /^http_client_request_duration_count\{[^}]*server_port="8092"[^}]*instrumentation-undici[^}]*\} 1$/m,
    );
    expect(text).not.toMatch(/server_port="4318"/);
    expect(text).toMatch(/^http_server_request_duration_count\{[^}]*\} 1$/m);
  });
});
