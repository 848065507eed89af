import type { Metadata, ServerUnaryCall, ServerWritableStream } from '@grpc/grpc-js';
import { CancelledError, DeadlineExceededError } from '../errors/grpc-service-error';

/** What a handler knows about the call it serves. */
export interface CallContext {
  /** Aborted when the client cancels, the deadline passes or the server is forced down; `reason` is a typed error. */
  readonly signal: AbortSignal;
  /** Request metadata (headers) sent by the client. */
  readonly metadata: Metadata;
  /** Absolute deadline set by the client, or undefined when it set none. */
  readonly deadline: Date | undefined;
  /** Remote address, e.g. `ipv4:127.0.0.1:53122`. */
  readonly peer: string;
  /** Full method path, e.g. `/gaara.testing.v1.EchoService/Echo`. */
  readonly method: string;
}

/** The server calls this context serves; both emit 'cancelled'. */
export type ServerCall = ServerUnaryCall<unknown, unknown> | ServerWritableStream<unknown, unknown>;

/** A context plus the clean-up that must run once the call has been answered. */
export interface OwnedCallContext {
  readonly context: CallContext;
  dispose(): void;
}

// setTimeout overflows past 2^31-1 ms (~24.8 days) and would fire at once.
const maxTimerDelayMs = 2 ** 31 - 1;

/** Builds the context of one call, wiring client cancellation and the deadline into its AbortSignal. */
export function createCallContext(call: ServerCall, method: string): OwnedCallContext {
  const controller = new AbortController();
  const onCancelled = (): void =>
    controller.abort(new CancelledError('Call cancelled by the client'));
  call.once('cancelled', onCancelled);
  if (call.cancelled) onCancelled();

  const deadline = toDeadlineDate(call.getDeadline());
  let deadlineTimer: NodeJS.Timeout | undefined;
  if (deadline !== undefined && !controller.signal.aborted) {
    const remainingMs = deadline.getTime() - Date.now();
    // grpc-js answers DEADLINE_EXCEEDED itself but does not always report it as a cancellation, so time it here too.
    if (remainingMs <= 0) controller.abort(new DeadlineExceededError());
    else if (remainingMs <= maxTimerDelayMs) {
      deadlineTimer = setTimeout(() => controller.abort(new DeadlineExceededError()), remainingMs);
      deadlineTimer.unref();
    }
  }

  const context: CallContext = {
    signal: controller.signal,
    metadata: call.metadata,
    deadline,
    peer: safePeer(call),
    method,
  };
  return {
    context,
    dispose: () => {
      if (deadlineTimer !== undefined) clearTimeout(deadlineTimer);
      call.removeListener('cancelled', onCancelled);
    },
  };
}

function toDeadlineDate(deadline: Date | number): Date | undefined {
  const ms = deadline instanceof Date ? deadline.getTime() : deadline;
  return Number.isFinite(ms) ? new Date(ms) : undefined;
}

function safePeer(call: ServerCall): string {
  try {
    return call.getPeer();
  } catch {
    // getPeer throws once the underlying stream is gone; the peer is informational only.
    return 'unknown';
  }
}
