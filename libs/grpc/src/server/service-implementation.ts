import type { DescMessage, DescService, MessageInitShape, MessageShape } from '@bufbuild/protobuf';
import type { ForMethodKind, MethodShape } from '../method-kind';
import type { CallContext } from './call-context';

/** Unary handler: resolve with the response, or throw a GrpcServiceError subclass. */
export type UnaryHandler<I extends DescMessage, O extends DescMessage> = (
  request: MessageShape<I>,
  context: CallContext,
) => Promise<MessageInitShape<O>> | MessageInitShape<O>;

/** Server-streaming handler: usually an `async function*`; it is returned early when the client goes away. */
export type ServerStreamingHandler<I extends DescMessage, O extends DescMessage> = (
  request: MessageShape<I>,
  context: CallContext,
) => AsyncIterable<MessageInitShape<O>>;

/** Handler type for one method; client and bidi streaming are not supported yet (never). */
export type MethodImplementation<M extends MethodShape> = ForMethodKind<
  M,
  UnaryHandler<M['input'], M['output']>,
  ServerStreamingHandler<M['input'], M['output']>
>;

/** One handler per method, keyed by the method's localName (lowerCamelCase), as protobuf-es generates it. */
export type ServiceImplementation<S extends DescService> = {
  [K in keyof S['method']]: MethodImplementation<S['method'][K]>;
};
