import {
  create,
  type DescMethod,
  type MessageInitShape,
  type MessageShape,
} from '@bufbuild/protobuf';
import type { handleServerStreamingCall, ServerWritableStream } from '@grpc/grpc-js';
import type { GrpcLogger } from '../logger';
import { createCallContext } from './call-context';
import { errorReply } from './error-reply';
import type { ServerStreamingHandler } from './service-implementation';

const abortedStep = Symbol('aborted');

/**
 * Adapts an async-iterable handler to grpc-js: writes each item with back-pressure, ends the stream exactly once
 * (OK when the iterable completes, the mapped status when it throws), and returns the iterator when the client goes away.
 */
export function adaptServerStreamingHandler(
  method: DescMethod,
  path: string,
  handler: ServerStreamingHandler<DescMethod['input'], DescMethod['output']>,
  logger: GrpcLogger,
): handleServerStreamingCall<unknown, unknown> {
  return (call) => {
    void pump(call, method, path, handler, logger);
  };
}

async function pump(
  call: ServerWritableStream<unknown, unknown>,
  method: DescMethod,
  path: string,
  handler: ServerStreamingHandler<DescMethod['input'], DescMethod['output']>,
  logger: GrpcLogger,
): Promise<void> {
  const { context, dispose } = createCallContext(call, path);
  const { signal } = context;
  const aborted = new Promise<typeof abortedStep>((resolve) => {
    if (signal.aborted) resolve(abortedStep);
    else signal.addEventListener('abort', () => resolve(abortedStep), { once: true });
  });
  let iterator: AsyncIterator<MessageInitShape<DescMethod['output']>> | undefined;
  try {
    // The request was produced by fromBinary(method.input) in this adapter's deserializer.
    iterator = handler(call.request as MessageShape<DescMethod['input']>, context)[
      Symbol.asyncIterator
    ]();
    for (;;) {
      const pending = iterator.next();
      // If the client leaves mid-step, the abandoned step may still reject: nobody is listening any more.
      pending.catch(() => undefined);
      const step = await Promise.race([pending, aborted]);
      if (step === abortedStep || step.done === true) break;
      const message = create(method.output, step.value);
      if (!call.write(message)) await Promise.race([onceDrained(call), aborted]);
    }
    if (signal.aborted) {
      stopIterator(iterator, path, logger);
    } else {
      call.end();
    }
  } catch (error: unknown) {
    if (iterator !== undefined && signal.aborted) stopIterator(iterator, path, logger);
    if (!signal.aborted) {
      // grpc-js turns an 'error' event into the final status (code, details, trailers) and ends the call.
      call.emit('error', errorReply(error, path, signal, logger));
    }
  } finally {
    dispose();
  }
}

function onceDrained(call: ServerWritableStream<unknown, unknown>): Promise<void> {
  return new Promise((resolve) => call.once('drain', () => resolve()));
}

/** Runs the generator's finally blocks; return() is queued behind a pending next(), so it is not awaited. */
function stopIterator(iterator: AsyncIterator<unknown>, path: string, logger: GrpcLogger): void {
  if (iterator.return === undefined) return;
  iterator.return().catch((error: unknown) => {
    logger.warn?.({ err: error, grpcMethod: path }, 'gRPC stream handler failed while stopping');
  });
}
