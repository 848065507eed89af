import type { DescService } from '@bufbuild/protobuf';
import { UnimplementedError } from '../errors/grpc-service-error';
import type { ServiceImplementation } from './service-implementation';

/**
 * `handlers` completed with UNIMPLEMENTED answers for every method they leave out: for fakes and partial
 * servers that serve a few methods of a service and should say so for the rest.
 */
export function withUnimplemented<S extends DescService>(
  service: S,
  handlers: Partial<ServiceImplementation<S>>,
): ServiceImplementation<S> {
  const complete: Record<string, unknown> = { ...handlers };
  for (const method of service.methods) {
    complete[method.localName] ??= () => {
      throw new UnimplementedError(`${service.typeName}.${method.name} is not implemented here`);
    };
  }
  // Every method of `service` now has a handler; the mapped type cannot be built key by key.
  return complete as ServiceImplementation<S>;
}
