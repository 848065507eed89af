import { adminExampleCommand, exampleOrder, exampleOrderCommand, storeBanner } from './banner';
import { defaultPorts } from './launcher';
import { commandLine, parseCurlInclude, reportedPids } from './smoke-output';

const banner = storeBanner({
  ports: defaultPorts,
  logDir: '/tmp/logs',
  pgUrl: 'postgres://gaara:gaara@127.0.0.1:5432/gaara',
  kafka: '127.0.0.1:9092',
  jaegerUrl: 'http://127.0.0.1:16686',
  prometheusUrl: 'http://127.0.0.1:9090',
  adminToken: 'tok3n',
  adminTokenGenerated: true,
  exampleProductId: '5f0e0000-0000-4000-8000-000000000001',
  idempotencyKey: 'order-run-1',
});

describe('the start banner and how its smoke test reads it', () => {
  it('prints a complete example order as one pasteable line', () => {
    const line = commandLine(banner, 'curl -i -X POST');
    expect(line).toBe(
      exampleOrderCommand(
        'http://127.0.0.1:8080',
        exampleOrder({
          exampleProductId: '5f0e0000-0000-4000-8000-000000000001',
          idempotencyKey: 'order-run-1',
        }),
      ),
    );
    const body = JSON.parse(/-d '(.*)'$/.exec(line ?? '')?.[1] ?? '{}') as Record<string, unknown>;
    expect(body).toMatchObject({
      paymentMethod: 'tok_visa',
      idempotencyKey: 'order-run-1',
      items: [{ productId: '5f0e0000-0000-4000-8000-000000000001', quantity: 1 }],
    });
  });

  it('prints the admin token and an admin example that uses it', () => {
    expect(banner).toContain('Admin token:       tok3n   (generated for this run');
    expect(commandLine(banner, 'curl -i -H')).toBe(
      adminExampleCommand('http://127.0.0.1:8080', 'tok3n'),
    );
  });

  it('names every part of the store', () => {
    for (const part of [
      'Gateway:',
      'Jaeger:',
      'PostgreSQL:',
      'Kafka:',
      'gRPC services:',
      'Sandbox controls:',
    ]) {
      expect(banner).toContain(part);
    }
    expect(banner).toContain('notification 127.0.0.1:9454');
  });

  it('collects the pids the launcher reports, restarts included', () => {
    const output = [
      '[launcher] invoice ready (pid 11)',
      '[launcher] invoice exited unexpectedly (SIGKILL); log: x',
      '[launcher] invoice ready again (pid 12)',
      '[launcher] gateway ready (pid 13)',
    ].join('\n');
    expect(reportedPids(output)).toEqual(
      new Map([
        ['invoice', [11, 12]],
        ['gateway', [13]],
      ]),
    );
  });

  it('reads status and body of curl -i output', () => {
    const text =
      'HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 202 Accepted\r\ncontent-type: application/json\r\n\r\n{"a":1}';
    expect(parseCurlInclude(text)).toEqual({ status: 202, body: '{"a":1}' });
    expect(parseCurlInclude('')).toEqual({ status: 0, body: '' });
  });
});
