// Test fixture (not exported): a scripted EchoService and helpers shared by the specs.
import { setTimeout as sleep } from 'node:timers/promises';
import { type testingV1 } from '@gaara/contracts';
import {
  FailedPreconditionError,
  InvalidArgumentError,
  NotFoundError,
} from '../errors/grpc-service-error';
import type { GrpcLogger } from '../logger';
import type { CallContext } from '../server/call-context';
import type { ServiceImplementation } from '../server/service-implementation';

/** A promise with its resolver exposed, so a test can wait for something the server side does. */
export interface Deferred<T> {
  readonly promise: Promise<T>;
  resolve(value: T): void;
}

export function deferred<T>(): Deferred<T> {
  let resolve: (value: T) => void = () => undefined;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

/** Observations of the server side, reset per test. */
export interface EchoProbe {
  /** Resolves with the abort reason of the first handler whose signal is aborted. */
  aborted: Deferred<unknown>;
  /** Resolves when a slow handler has started. */
  started: Deferred<void>;
  /** Resolves when a CountUp generator ran its finally block. */
  streamFinished: Deferred<void>;
}

export function newProbe(): EchoProbe {
  return { aborted: deferred(), started: deferred(), streamFinished: deferred() };
}

export class RecordingLogger implements GrpcLogger {
  public readonly errors: { obj: object; msg: string }[] = [];
  public error(obj: object, msg: string): void {
    this.errors.push({ obj, msg });
  }
}

function watchAbort(context: CallContext, probe: EchoProbe): void {
  context.signal.addEventListener('abort', () => probe.aborted.resolve(context.signal.reason), {
    once: true,
  });
}

/** EchoService whose message scripts the outcome: "not-found", "invalid", "boom", "metadata", otherwise echo after delay_ms. */
export function echoImplementation(
  getProbe: () => EchoProbe,
): ServiceImplementation<typeof testingV1.EchoService> {
  return {
    echo: async (request, context) => {
      const probe = getProbe();
      watchAbort(context, probe);
      if (request.message === 'not-found') throw new NotFoundError('No echo named "not-found"');
      if (request.message === 'invalid') {
        throw new InvalidArgumentError('Echo request is invalid', [
          { field: 'message', description: 'must not be "invalid"' },
        ]);
      }
      if (request.message === 'metadata')
        return { message: String(context.metadata.get('x-request-id')[0] ?? '') };
      if (request.message === 'boom')
        throw new Error('connect ECONNREFUSED db.internal:5432 password=hunter2');
      if (request.delayMs > 0) {
        probe.started.resolve();
        await sleep(request.delayMs, undefined, { signal: context.signal });
      }
      return { message: request.message };
    },
    // up_to 100+n: fail with FAILED_PRECONDITION after n items; 200+n: fail with a plain Error after n items.
    countUp: async function* (request, context) {
      const probe = getProbe();
      watchAbort(context, probe);
      try {
        const failAfter = request.upTo >= 100 ? request.upTo % 100 : undefined;
        const last = failAfter ?? request.upTo;
        for (let value = 1; value <= last; value++) {
          if (request.delayMs > 0)
            await sleep(request.delayMs, undefined, { signal: context.signal });
          yield { value };
        }
        if (request.upTo >= 200) throw new Error('stream exploded: secret detail');
        if (failAfter !== undefined)
          throw new FailedPreconditionError(`Stopped after ${failAfter}`);
      } finally {
        probe.streamFinished.resolve();
      }
    },
  };
}

/** Collects a stream; returns the items and the error it ended with, if any. */
export async function collect<T>(
  stream: AsyncIterable<T>,
): Promise<{ items: T[]; error: unknown }> {
  const items: T[] = [];
  try {
    for await (const item of stream) items.push(item);
    return { items, error: undefined };
  } catch (error: unknown) {
    return { items, error };
  }
}
