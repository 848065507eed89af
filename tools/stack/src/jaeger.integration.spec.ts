import { randomBytes } from 'node:crypto';
import { stackEndpoints } from './endpoints';
import { pollUntil } from './testing/deadline';
import { runId } from './testing/run-id';

interface JaegerTraces {
  data: { traceID: string; spans: { operationName: string }[] }[];
}

describe('local Jaeger', () => {
  const { jaegerQueryUrl, jaegerOtlpHttpUrl } = stackEndpoints();

  it('accepts an OTLP/HTTP span and serves it from the query API', async () => {
    const service = `gaara-stack-selftest-${runId()}`;
    const traceId = randomBytes(16).toString('hex');
    const now = BigInt(Date.now()) * 1_000_000n;
    const body = {
      resourceSpans: [
        {
          resource: { attributes: [{ key: 'service.name', value: { stringValue: service } }] },
          scopeSpans: [
            {
              scope: { name: 'stack-selftest' },
              spans: [
                {
                  traceId,
                  spanId: randomBytes(8).toString('hex'),
                  name: 'selftest-span',
                  kind: 1,
                  startTimeUnixNano: String(now - 5_000_000n),
                  endTimeUnixNano: String(now),
                },
              ],
            },
          ],
        },
      ],
    };
    const sent = await fetch(`${jaegerOtlpHttpUrl}/v1/traces`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(5_000),
    });
    expect(sent.status).toBe(200);

    // The collector batches spans, so the trace appears shortly after the export.
    const traces = await pollUntil(
      async () => {
        const response = await fetch(
          `${jaegerQueryUrl}/api/traces?service=${encodeURIComponent(service)}&limit=5`,
          {
            signal: AbortSignal.timeout(5_000),
          },
        );
        if (!response.ok) return undefined;
        const found = (await response.json()) as JaegerTraces;
        return found.data.length > 0 ? found : undefined;
      },
      15_000,
      `trace of ${service} in Jaeger`,
    );
    expect(traces.data.map((t) => t.traceID)).toEqual([traceId]);
    expect(traces.data[0]?.spans.map((s) => s.operationName)).toEqual(['selftest-span']);
  }, 30_000);
});
