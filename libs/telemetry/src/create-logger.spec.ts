import { createLogger } from './create-logger';
import { REDACTED } from './sensitive-keys';
import { startTelemetry } from './start-telemetry';
import type { Telemetry } from './telemetry';
import { freePort } from './testing/network';
import { logCapture } from './testing/log-capture';

describe('createLogger', () => {
  it('writes JSON lines with the service name and level label', () => {
    const capture = logCapture();
    createLogger({ serviceName: 'catalog', destination: capture }).info(
      { productId: 'p1' },
      'product read',
    );
    expect(capture.lines).toEqual([
      expect.objectContaining({
        level: 'info',
        service: 'catalog',
        productId: 'p1',
        msg: 'product read',
      }),
    ]);
    expect(capture.lines[0]).not.toHaveProperty('trace_id');
  });

  it('honours the level', () => {
    const capture = logCapture();
    const logger = createLogger({ serviceName: 'catalog', level: 'warn', destination: capture });
    logger.info('dropped');
    logger.warn('kept');
    expect(capture.lines.map((line) => line['msg'])).toEqual(['kept']);
  });

  it('redacts card data, credentials and emails at any depth', () => {
    const capture = logCapture();
    const logger = createLogger({ serviceName: 'payment', destination: capture });
    logger.info(
      {
        paymentId: 'pay_1',
        cardNumber: '4242424242424242',
        card: { number: '4242424242424242', cvc: '123' },
        customer: {
          id: 'c1',
          email: 'ann@example.com',
          contacts: [{ customerEmail: 'x@example.com' }],
        },
        headers: { authorization: 'Bearer abc', 'content-type': 'application/json' },
        accessToken: 't1',
        idempotency_token: 't2',
        password: 'hunter2',
      },
      'charge attempted',
    );
    const line = capture.lines[0];
    expect(line).toMatchObject({
      paymentId: 'pay_1',
      cardNumber: REDACTED,
      card: REDACTED,
      customer: { id: 'c1', email: REDACTED, contacts: [{ customerEmail: REDACTED }] },
      headers: { authorization: REDACTED, 'content-type': 'application/json' },
      accessToken: REDACTED,
      idempotency_token: REDACTED,
      password: REDACTED,
    });
    expect(JSON.stringify(line)).not.toMatch(/4242|ann@example|hunter2|Bearer/);
  });

  it('redacts sensitive child-logger bindings', () => {
    const capture = logCapture();
    createLogger({ serviceName: 'notification', destination: capture })
      .child({ email: 'ann@example.com', jobId: 'j1' })
      .info('sending');
    expect(capture.lines[0]).toMatchObject({ email: REDACTED, jobId: 'j1' });
  });

  it('still serializes errors', () => {
    const capture = logCapture();
    createLogger({ serviceName: 'catalog', destination: capture }).error(
      { err: new Error('boom') },
      'failed',
    );
    expect(capture.lines[0]?.['err']).toMatchObject({ type: 'Error', message: 'boom' });
  });
});

describe('logger inside an active span', () => {
  let telemetry: Telemetry;
  const capture = logCapture();

  beforeAll(async () => {
    telemetry = startTelemetry({
      serviceName: 'logger-spec',
      otlpEndpoint: `http://127.0.0.1:${await freePort()}`,
      metricsPort: false,
      logDestination: capture,
    });
  });
  afterAll(() => telemetry.shutdown());

  it('stamps trace_id, span_id and trace_flags of the active span', async () => {
    const ids = await telemetry.tracer.startActiveSpan('work', async (span) => {
      await Promise.resolve(); // the context must survive an await
      telemetry.logger.info('inside');
      span.end();
      return span.spanContext();
    });
    telemetry.logger.info('outside');

    const inside = capture.lines.find((line) => line['msg'] === 'inside');
    expect(inside).toMatchObject({
      service: 'logger-spec',
      trace_id: ids.traceId,
      span_id: ids.spanId,
      trace_flags: '01',
    });
    expect(ids.traceId).toMatch(/^[0-9a-f]{32}$/);
    expect(capture.lines.find((line) => line['msg'] === 'outside')).not.toHaveProperty('trace_id');
  });

  it('stamps child loggers too', () => {
    const child = telemetry.logger.child({ component: 'repo' });
    const traceId = telemetry.tracer.startActiveSpan('query', (span) => {
      child.info('querying');
      span.end();
      return span.spanContext().traceId;
    });
    expect(capture.lines.find((line) => line['msg'] === 'querying')).toMatchObject({
      component: 'repo',
      trace_id: traceId,
    });
  });
});
