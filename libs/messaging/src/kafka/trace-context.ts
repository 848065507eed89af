import {
  context,
  propagation,
  ROOT_CONTEXT,
  SpanStatusCode,
  trace,
  type Context,
  type Span,
  type SpanKind,
} from '@opentelemetry/api';
import { describeError } from './error-description';

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
