import { isSpanContextValid, trace } from '@opentelemetry/api';

/** Correlation fields stamped on a log line; the names match @opentelemetry/instrumentation-pino's. */
export interface TraceLogFields {
  trace_id?: string;
  span_id?: string;
  trace_flags?: string;
}

/** The active span's ids, or nothing when no (valid) span is active. */
export function traceLogFields(): TraceLogFields {
  const spanContext = trace.getActiveSpan()?.spanContext();
  if (!spanContext || !isSpanContextValid(spanContext)) return {};
  return {
    trace_id: spanContext.traceId,
    span_id: spanContext.spanId,
    trace_flags: `0${spanContext.traceFlags.toString(16)}`,
  };
}
