import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { context, diag, DiagLogLevel, trace, type Span } from '@opentelemetry/api';
import {
  BasicTracerProvider,
  InMemorySpanExporter,
  SimpleSpanProcessor,
} from '@opentelemetry/sdk-trace-base';
import { unavailable } from '../testing/fake-errors';
import { createPolicy } from './create-policy';

const spans = new InMemorySpanExporter();
const tracer = new BasicTracerProvider({
  spanProcessors: [new SimpleSpanProcessor(spans)],
}).getTracer('policy-tracing-spec');
const warnings: string[] = [];

beforeAll(() => {
  context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
  diag.setLogger(
    {
      error: () => undefined,
      warn: (message: string) => void warnings.push(message),
      info: () => undefined,
      debug: () => undefined,
      verbose: () => undefined,
    },
    DiagLogLevel.WARN,
  );
});
afterAll(() => {
  diag.disable();
  context.disable();
});
beforeEach(() => {
  warnings.length = 0;
  spans.reset();
});

/** Runs `fn` with `span` active, as an instrumented request handler would. */
function within<T>(span: Span, fn: () => T): T {
  return context.with(trace.setSpan(context.active(), span), fn);
}

function activeSpanId(): string | undefined {
  return trace.getActiveSpan()?.spanContext().spanId;
}

describe('a policy and the trace context', () => {
  it('runs a call queued in the bulkhead under its own caller’s span, not the one that freed the slot', async () => {
    const policy = createPolicy('dep', { bulkhead: { limit: 1, queue: 1 } }, { registry: false });
    const first = tracer.startSpan('first request');
    const second = tracer.startSpan('second request');
    let release: () => void = () => undefined;
    const seen: Array<string | undefined> = [];
    const running = within(first, () =>
      policy.execute(() => {
        seen.push(activeSpanId());
        return new Promise<void>((resolve) => (release = resolve));
      }),
    );
    const queued = within(second, () => policy.execute(() => void seen.push(activeSpanId())));
    release();
    await Promise.all([running, queued]);
    expect(seen).toEqual([first.spanContext().spanId, second.spanContext().spanId]);
  });

  it('adds its retry and breaker events to a live span only, never to one that already ended', async () => {
    const policy = createPolicy(
      'dep',
      { retry: { initialDelayMs: 1, maxDelayMs: 1 }, breaker: { minimumCalls: 2 } },
      { registry: false },
    );
    // Ended first: the Charge answered within its inline budget while the provider attempt goes on.
    const ended = tracer.startSpan('answered already');
    ended.end();
    await expect(
      within(ended, () => policy.execute(() => Promise.reject(unavailable()))),
    ).rejects.toBeInstanceOf(Error);
    expect(policy.breaker.state).toBe('open');
    expect(warnings.filter((w) => w.includes('ended Span'))).toEqual([]);

    const live = createPolicy(
      'live',
      { retry: { initialDelayMs: 1, maxDelayMs: 1 } },
      { registry: false },
    );
    const span = tracer.startSpan('live request');
    let calls = 0;
    await within(span, () =>
      live.execute(() => (++calls === 1 ? Promise.reject(unavailable()) : 'ok')),
    );
    span.end();
    const [exported] = spans.getFinishedSpans().filter((s) => s.name === 'live request');
    expect(exported?.events.map((e) => e.name)).toEqual(['resilience.retry']);
  });
});
