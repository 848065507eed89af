import { createServer, type Server } from 'node:http';
import { context, propagation, trace } from '@opentelemetry/api';
import { getMeter } from './get-meter';
import { getTelemetry, startTelemetry } from './start-telemetry';
import { TelemetryError } from './telemetry-error';
import type { Telemetry } from './telemetry';
import { freePort, httpGet, silentServer } from './testing/network';
import { logCapture } from './testing/log-capture';

/** Options for a test run that exports nowhere reachable and logs nothing. */
async function quietOptions() {
  return {
    serviceName: `start-telemetry-spec-${process.pid}`,
    otlpEndpoint: `http://127.0.0.1:${await freePort()}`,
    metricsPort: false as const,
    logLevel: 'silent' as const,
  };
}

describe('startTelemetry', () => {
  let telemetry: Telemetry | undefined;
  afterEach(async () => {
    await telemetry?.shutdown();
    telemetry = undefined;
  });

  it('serves a recorded counter on its own /metrics port', async () => {
    const port = await freePort();
    telemetry = startTelemetry({
      ...(await quietOptions()),
      metricsPort: port,
      metricsHost: '127.0.0.1',
    });
    telemetry.meter
      .createCounter('gaara_test_requests', { description: 'requests seen by the test' })
      .add(3, {
        outcome: 'ok',
      });
    getMeter('@gaara/resilience')
      .createUpDownCounter('circuit_breaker_state')
      .add(1, { service: 'payment' });
    await telemetry.metricsServerReady;

    const response = await httpGet(`http://127.0.0.1:${port}/metrics`);

    expect(response.status).toBe(200);
    expect(response.body).toMatch(/^gaara_test_requests_total\{[^}]*outcome="ok"[^}]*\} 3$/m);
    expect(response.body).toMatch(/^circuit_breaker_state\{[^}]*service="payment"[^}]*\} 1$/m);
  });

  it('lets an app mount the metrics handler on its own server', async () => {
    telemetry = startTelemetry(await quietOptions());
    telemetry.meter.createCounter('gaara_mounted_hits').add(2);
    const server: Server = createServer((request, response) =>
      telemetry?.metricsRequestHandler(request, response),
    );
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const address = server.address();
      if (address === null || typeof address === 'string') throw new Error('no TCP address');
      const response = await httpGet(`http://127.0.0.1:${address.port}/metrics`);
      expect(response.status).toBe(200);
      expect(response.body).toMatch(/^gaara_mounted_hits_total(\{[^}]*\})? 2$/m);
    } finally {
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });

  it('propagates W3C trace context and baggage', async () => {
    telemetry = startTelemetry(await quietOptions());
    const carrier: Record<string, string> = {};
    telemetry.tracer.startActiveSpan('outgoing', (span) => {
      const withBaggage = propagation.setBaggage(
        context.active(),
        propagation.createBaggage({ tenant: { value: 'acme' } }),
      );
      propagation.inject(withBaggage, carrier);
      span.end();
    });
    expect(carrier['traceparent']).toMatch(/^00-[0-9a-f]{32}-[0-9a-f]{16}-01$/);
    expect(carrier['baggage']).toBe('tenant=acme');
  });

  it('names the service on every span', async () => {
    telemetry = startTelemetry({
      ...(await quietOptions()),
      serviceName: 'catalog',
      serviceVersion: '1.2.3',
      serviceInstanceId: 'catalog-1',
      deploymentEnvironment: 'test',
    });
    const span = telemetry.tracer.startSpan('read');
    span.end();
    // The SDK's span is also its ReadableSpan; the API type does not show the resource.
    const { attributes } = (
      span as unknown as { resource: { attributes: Record<string, unknown> } }
    ).resource;
    expect(attributes).toMatchObject({
      'service.name': 'catalog',
      'service.version': '1.2.3',
      'service.instance.id': 'catalog-1',
      'deployment.environment': 'test',
      'deployment.environment.name': 'test',
    });
  });

  it('refuses a second start until the first is shut down', async () => {
    telemetry = startTelemetry(await quietOptions());
    expect(getTelemetry()).toBe(telemetry);
    const second = await quietOptions();
    expect(() => startTelemetry(second)).toThrow(TelemetryError);
    expect(() => startTelemetry(second)).toThrow(
      expect.objectContaining({ code: 'TELEMETRY_ALREADY_STARTED' }),
    );
    await telemetry.shutdown();
    expect(getTelemetry()).toBeUndefined();
    telemetry = startTelemetry(second);
    expect(telemetry.tracer.startSpan('again').isRecording()).toBe(true);
  });

  it('shuts down within the bound when the collector port is closed', async () => {
    telemetry = startTelemetry(await quietOptions());
    for (let i = 0; i < 200; i += 1) telemetry.tracer.startSpan(`lost-${i}`).end();
    const started = performance.now();
    await telemetry.shutdown();
    expect(performance.now() - started).toBeLessThan(3000);
  });

  it('shuts down within the bound when the collector accepts but never answers', async () => {
    const hung = await silentServer();
    try {
      telemetry = startTelemetry({
        ...(await quietOptions()),
        otlpEndpoint: `http://127.0.0.1:${hung.port}`,
      });
      for (let i = 0; i < 200; i += 1) telemetry.tracer.startSpan(`stuck-${i}`).end();
      const started = performance.now();
      await telemetry.shutdown();
      expect(performance.now() - started).toBeLessThan(3000);
    } finally {
      await hung.close();
    }
  });

  it('bounds a flush to a hung collector', async () => {
    const hung = await silentServer();
    try {
      telemetry = startTelemetry({
        ...(await quietOptions()),
        otlpEndpoint: `http://127.0.0.1:${hung.port}`,
      });
      telemetry.tracer.startSpan('stuck').end();
      const started = performance.now();
      await telemetry.flush();
      expect(performance.now() - started).toBeLessThan(3000);
    } finally {
      await hung.close();
    }
  });

  it('logs export failures as warnings instead of throwing', async () => {
    const capture = logCapture();
    telemetry = startTelemetry({
      ...(await quietOptions()),
      logLevel: 'info',
      logDestination: capture,
    });
    telemetry.tracer.startSpan('unsent').end();
    await telemetry.flush();
    // Through the SDK's diagnostics (background exports) or the flush's own warning, never thrown.
    const warned = capture.lines.filter(
      (line) => line['level'] === 'warn' || line['level'] === 'error',
    );
    expect(JSON.stringify(warned)).toContain('ECONNREFUSED');
  });
});

describe('startTelemetry with enabled: false', () => {
  it('records nothing, starts nothing, and still logs', async () => {
    const capture = logCapture();
    const started = performance.now();
    const telemetry = startTelemetry({
      serviceName: 'quiet',
      enabled: false,
      logDestination: capture,
    });

    expect(telemetry.enabled).toBe(false);
    expect(getTelemetry()).toBe(telemetry);
    const span = telemetry.tracer.startSpan('ignored');
    expect(span.isRecording()).toBe(false);
    span.end();
    telemetry.meter.createCounter('ignored').add(1);
    telemetry.getMeter('@gaara/resilience').createHistogram('ignored').record(1);
    expect(trace.getActiveSpan()).toBeUndefined();

    telemetry.logger.info({ password: 'x' }, 'still logging');
    expect(capture.lines).toEqual([
      expect.objectContaining({ service: 'quiet', msg: 'still logging', password: '[REDACTED]' }),
    ]);

    await telemetry.metricsServerReady;
    await telemetry.flush();
    await telemetry.shutdown();
    expect(getTelemetry()).toBeUndefined();
    expect(performance.now() - started).toBeLessThan(500);
  });

  it('answers 503 on the mounted metrics handler', async () => {
    const telemetry = startTelemetry({ serviceName: 'quiet', enabled: false, logLevel: 'silent' });
    const server = createServer((request, response) =>
      telemetry.metricsRequestHandler(request, response),
    );
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const address = server.address();
      if (address === null || typeof address === 'string') throw new Error('no TCP address');
      expect((await httpGet(`http://127.0.0.1:${address.port}/metrics`)).status).toBe(503);
    } finally {
      await telemetry.shutdown();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });
});
