import {
  context,
  propagation,
  ROOT_CONTEXT,
  SpanKind,
  SpanStatusCode,
  trace,
  type Context,
  type Span,
} from '@opentelemetry/api';
import { describeError } from './error-description';
import type { OutgoingMessage, Publisher } from './publisher';

const TRACE_HEADERS = ['traceparent', 'tracestate'];

/** The tracer of this library. */
export const tracer = trace.getTracer('@gaara/messaging');

/** The trace context carried by message headers (W3C traceparent), or the root context when there is none. */
export function contextFromHeaders(headers: Readonly<Record<string, string>>): Context {
  return propagation.extract(ROOT_CONTEXT, headers);
}

/** Headers without their trace context, with the active context injected instead. */
export function withActiveTraceContext(
  headers: Readonly<Record<string, string>>,
): Record<string, string> {
  const result: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (!TRACE_HEADERS.includes(name)) result[name] = value;
  }
  propagation.inject(context.active(), result);
  return result;
}

/** Runs `work` in a new span, child of `parent`, ending it (with error status on a throw) when work settles. */
export async function inSpan<T>(
  name: string,
  parent: Context,
  kind: SpanKind,
  attributes: Record<string, string | number>,
  work: (span: Span) => Promise<T>,
): Promise<T> {
  const span = tracer.startSpan(name, { kind, attributes }, parent);
  try {
    return await context.with(trace.setSpan(parent, span), () => work(span));
  } catch (error: unknown) {
    const { errorClass, message } = describeError(error);
    span.setStatus({ code: SpanStatusCode.ERROR, message: `${errorClass}: ${message}` });
    throw error;
  } finally {
    span.end();
  }
}

/**
 * Publishes `messages` on `topic` that were written under an earlier trace context (`storedTraceHeaders`: the
 * W3C traceparent/tracestate saved with them, e.g. in an outbox row), in an INTERNAL span `spanName`, child of
 * that context. Each message's trace headers are replaced by the span's, so its consumer becomes a grandchild
 * of the writer and the trace continues across the store-and-forward hop.
 */
export async function publishInStoredTrace(
  publisher: Publisher,
  spanName: string,
  topic: string,
  storedTraceHeaders: Readonly<Record<string, string>>,
  messages: readonly OutgoingMessage[],
): Promise<void> {
  await inSpan(
    spanName,
    contextFromHeaders(storedTraceHeaders),
    SpanKind.INTERNAL,
    { 'messaging.destination.name': topic, 'messaging.batch.message_count': messages.length },
    async () => {
      await publisher.publish(
        topic,
        messages.map((message) => ({
          ...message,
          headers: withActiveTraceContext(message.headers ?? {}),
        })),
      );
    },
  );
}
