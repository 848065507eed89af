import {
  type DescMessage,
  type DescService,
  type MessageInitShape,
  type MessageShape,
} from '@bufbuild/protobuf';
import {
  Client,
  credentials as grpcCredentials,
  type ChannelCredentials,
  type ChannelOptions,
} from '@grpc/grpc-js';
import { CancelledError } from '../errors/grpc-service-error';
import type { ForMethodKind, MethodShape } from '../method-kind';
import { defaultDeadlineMs, type CallOptions } from './call-options';
import { defaultChannelOptions } from './channel-options';
import { toClientError } from './client-error';
import { requestArgumentsFor, type RequestArgumentsBuilder } from './request-arguments';

/** Unary method: resolves with the response or rejects with a GrpcServiceError subclass. */
export type UnaryClientMethod<I extends DescMessage, O extends DescMessage> = (
  request: MessageInitShape<I>,
  options?: CallOptions,
) => Promise<MessageShape<O>>;

/** Server-streaming method: the call starts on the first iteration; breaking out of the loop cancels it. */
export type ServerStreamingClientMethod<I extends DescMessage, O extends DescMessage> = (
  request: MessageInitShape<I>,
  options?: CallOptions,
) => AsyncIterable<MessageShape<O>>;

/** Client signature of one method; client and bidi streaming are not supported yet (never). */
export type ClientMethod<M extends MethodShape> = ForMethodKind<
  M,
  UnaryClientMethod<M['input'], M['output']>,
  ServerStreamingClientMethod<M['input'], M['output']>
>;

/** Promise client of a service: one method per RPC, named by its localName (lowerCamelCase), plus close(). */
export type GrpcClient<S extends DescService> = {
  readonly [K in keyof S['method']]: ClientMethod<S['method'][K]>;
} & {
  /** Closes the channel; calls in flight are cancelled. */
  close(): void;
};

/** Options of {@link createClient}. */
export interface ClientOptions {
  /** Defaults to insecure (plaintext), as inside the cluster. */
  readonly credentials?: ChannelCredentials;
  /** Deadline of calls that do not set one, in milliseconds; defaults to 5000. */
  readonly defaultDeadlineMs?: number;
  /** grpc-js channel options, merged over {@link defaultChannelOptions} (retries off, keepalive off). */
  readonly channelOptions?: ChannelOptions;
}

/**
 * Creates a typed promise client for a protobuf-es service at `address` (`host:port`).
 * Every call has a deadline (5000 ms unless set) and rejects with a typed GrpcServiceError.
 */
export function createClient<S extends DescService>(
  service: S,
  address: string,
  options: ClientOptions = {},
): GrpcClient<S> {
  const client = new Client(address, options.credentials ?? grpcCredentials.createInsecure(), {
    ...defaultChannelOptions,
    ...options.channelOptions,
  });
  const fallbackDeadlineMs = options.defaultDeadlineMs ?? defaultDeadlineMs;
  const methods: Record<string, unknown> = { close: () => client.close() };
  for (const method of service.methods) {
    if (method.localName in methods)
      throw new TypeError(`${service.typeName}.${method.name} clashes with the client's close()`);
    const requestArguments = requestArgumentsFor(method, fallbackDeadlineMs);
    switch (method.methodKind) {
      case 'unary':
        methods[method.localName] = unaryMethod(client, requestArguments);
        break;
      case 'server_streaming':
        methods[method.localName] = serverStreamingMethod(client, requestArguments);
        break;
      default:
        // Left out rather than thrown so a service with one bidi method still gets a client for the rest.
        break;
    }
  }
  // Built from the descriptor at run time; the mapped type states the same shape statically.
  return methods as GrpcClient<S>;
}

function unaryMethod(
  client: Client,
  requestArguments: RequestArgumentsBuilder,
): UnaryClientMethod<DescMessage, DescMessage> {
  return (request, options = {}) => {
    const { signal } = options;
    if (signal?.aborted === true) return Promise.reject(cancelledBeforeStart(signal));
    return new Promise((resolve, reject) => {
      const onAbort = (): void => call.cancel();
      const call = client.makeUnaryRequest(
        ...requestArguments(request, options),
        (error, response) => {
          signal?.removeEventListener('abort', onAbort);
          // responseDeserialize is fromBinary(method.output), so the response is that message.
          if (error === null) resolve(response as MessageShape<DescMessage>);
          else reject(toClientError(error));
        },
      );
      signal?.addEventListener('abort', onAbort, { once: true });
    });
  };
}

function serverStreamingMethod(
  client: Client,
  requestArguments: RequestArgumentsBuilder,
): ServerStreamingClientMethod<DescMessage, DescMessage> {
  return async function* (request, options = {}) {
    const { signal } = options;
    if (signal?.aborted === true) throw cancelledBeforeStart(signal);
    const call = client.makeServerStreamRequest(...requestArguments(request, options));
    // Errors surface through the iteration below; this listener only keeps a late 'error' event from crashing the process.
    call.on('error', () => undefined);
    const onAbort = (): void => call.cancel();
    signal?.addEventListener('abort', onAbort, { once: true });
    let settled = false;
    try {
      for await (const message of call) {
        // responseDeserialize is fromBinary(method.output), so each item is that message.
        yield message as MessageShape<DescMessage>;
      }
      settled = true;
    } catch (error: unknown) {
      settled = true;
      throw toClientError(error);
    } finally {
      signal?.removeEventListener('abort', onAbort);
      // The consumer stopped early (break/return): tell the server instead of leaving the stream open.
      if (!settled) call.cancel();
    }
  };
}

function cancelledBeforeStart(signal: AbortSignal): CancelledError {
  return new CancelledError('Call cancelled before it started', { cause: signal.reason });
}
