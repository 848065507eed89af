import { Metadata } from '@grpc/grpc-js';

/** Per-call options of every client method. */
export interface CallOptions {
  /**
   * Deadline in milliseconds from the start of the call; defaults to the client's `defaultDeadlineMs` (5000).
   * For a server stream it bounds the whole stream; pass `Infinity` for long-lived streams such as Watch.
   */
  readonly deadlineMs?: number;
  /** Aborting cancels the call on the wire; the call then rejects with CancelledError. */
  readonly signal?: AbortSignal;
  /** Request metadata (headers); keys ending in `-bin` take Buffers. */
  readonly metadata?: Metadata | Readonly<Record<string, string | Buffer>>;
}

/** Default deadline of client calls, in milliseconds. */
export const defaultDeadlineMs = 5000;

/** Absolute deadline for grpc-js, where Infinity means none. */
export function deadlineFrom(deadlineMs: number): number {
  return Number.isFinite(deadlineMs) ? Date.now() + Math.max(0, deadlineMs) : Infinity;
}

export function toMetadata(metadata: CallOptions['metadata']): Metadata {
  if (metadata === undefined) return new Metadata();
  if (metadata instanceof Metadata) return metadata;
  const result = new Metadata();
  for (const [key, value] of Object.entries(metadata)) result.set(key, value);
  return result;
}
