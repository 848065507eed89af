import {
  fromBinary,
  toBinary,
  type DescMessage,
  type DescMethod,
  type DescService,
} from '@bufbuild/protobuf';
import type {
  MethodDefinition,
  ServiceDefinition,
  UntypedHandleCall,
  UntypedServiceImplementation,
} from '@grpc/grpc-js';
import { silentLogger, type GrpcLogger } from '../logger';
import { adaptServerStreamingHandler } from './server-streaming-handler';
import { adaptUnaryHandler } from './unary-handler';
import type {
  ServiceImplementation,
  ServerStreamingHandler,
  UnaryHandler,
} from './service-implementation';

/** A service definition and its handlers, ready for grpc-js `server.addService(definition, handlers)`. */
export interface GrpcServiceBinding {
  readonly definition: ServiceDefinition;
  readonly handlers: UntypedServiceImplementation;
}

/** Options of {@link createServiceBinding}. */
export interface ServiceBindingOptions {
  /** Receives errors the caller is not told about (unknown errors become INTERNAL); defaults to silent. */
  readonly logger?: GrpcLogger;
}

/** The wire path of a method, `/<package>.<Service>/<Method>`. */
export function methodPath(method: DescMethod): string {
  return `/${method.parent.typeName}/${method.name}`;
}

/** Serializers for one method, shared by the server and the client side. */
export function methodCodec(
  method: DescMethod,
): Pick<
  MethodDefinition<unknown, unknown>,
  'requestSerialize' | 'requestDeserialize' | 'responseSerialize' | 'responseDeserialize'
> {
  return {
    requestSerialize: serializerFor(method.input),
    requestDeserialize: deserializerFor(method.input),
    responseSerialize: serializerFor(method.output),
    responseDeserialize: deserializerFor(method.output),
  };
}

/**
 * Builds the grpc-js definition and handlers of a protobuf-es service.
 * Throws when an implementation is missing or a method is client/bidi streaming (not supported yet).
 */
export function createServiceBinding<S extends DescService>(
  service: S,
  implementation: ServiceImplementation<S>,
  options: ServiceBindingOptions = {},
): GrpcServiceBinding {
  const logger = options.logger ?? silentLogger;
  // The mapped type's keys are the localNames; index it untyped to walk the descriptor generically.
  const handlersByName = implementation as unknown as Record<string, unknown>;
  const definition: Record<string, MethodDefinition<unknown, unknown>> = {};
  const handlers: Record<string, UntypedHandleCall> = {};
  for (const method of service.methods) {
    const handler = handlersByName[method.localName];
    if (typeof handler !== 'function') {
      throw new TypeError(
        `No handler for ${service.typeName}.${method.name} (expected "${method.localName}")`,
      );
    }
    const path = methodPath(method);
    switch (method.methodKind) {
      case 'unary':
        handlers[method.localName] = adaptUnaryHandler(
          method,
          path,
          handler as UnaryHandler<DescMessage, DescMessage>,
          logger,
        );
        break;
      case 'server_streaming':
        handlers[method.localName] = adaptServerStreamingHandler(
          method,
          path,
          handler as ServerStreamingHandler<DescMessage, DescMessage>,
          logger,
        );
        break;
      default:
        throw new TypeError(
          `${service.typeName}.${method.name}: ${method.methodKind} methods are not supported`,
        );
    }
    definition[method.localName] = {
      path,
      originalName: method.localName,
      requestStream: false,
      responseStream: method.methodKind === 'server_streaming',
      ...methodCodec(method),
    };
  }
  return { definition, handlers };
}

function serializerFor(schema: DescMessage): (value: unknown) => Buffer {
  return (value) => {
    // grpc-js only hands back what this adapter created with create(schema, ...).
    const bytes = toBinary(schema, value as Parameters<typeof toBinary>[1]);
    return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  };
}

function deserializerFor(schema: DescMessage): (bytes: Buffer) => unknown {
  return (bytes) => fromBinary(schema, bytes);
}
