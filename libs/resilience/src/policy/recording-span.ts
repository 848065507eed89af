import { trace, type Span } from '@opentelemetry/api';

/**
 * The active span if it still records, else undefined. A policy's work can outlive the span it started under
 * (payment answers Charge within its inline budget while the provider attempt goes on; a caller gone after a
 * timeout), and an event added to an ended span only makes OpenTelemetry warn "Operation attempted on ended Span".
 */
export function recordingSpan(): Span | undefined {
  const span = trace.getActiveSpan();
  return span?.isRecording() === true ? span : undefined;
}
