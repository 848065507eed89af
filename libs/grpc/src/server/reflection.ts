import { toBinary, type DescFile, type DescService } from '@bufbuild/protobuf';
import { FileDescriptorProtoSchema } from '@bufbuild/protobuf/wkt';
import type { Server } from '@grpc/grpc-js';
import { ReflectionService } from '@grpc/reflection';

type ReflectionPackage = ConstructorParameters<typeof ReflectionService>[0];

/**
 * The files that declare `services`, with everything they import (well-known types included), each once,
 * as encoded FileDescriptorProtos: what a reflection client needs to call the services without .proto files.
 */
export function fileDescriptorProtos(services: readonly DescService[]): Buffer[] {
  const files = new Map<string, DescFile>();
  const visit = (file: DescFile): void => {
    if (files.has(file.name)) return;
    files.set(file.name, file);
    file.dependencies.forEach(visit);
  };
  for (const service of services) visit(service.file);
  return [...files.values()].map((file) =>
    Buffer.from(toBinary(FileDescriptorProtoSchema, file.proto)),
  );
}

/**
 * Serves gRPC server reflection (grpc.reflection.v1 and v1alpha) for `services`, so grpcurl, grpcui or Postman
 * list and call them with the descriptors compiled into the service (protobuf-es), never a stale copy.
 */
export function addReflection(server: Server, services: readonly DescService[]): void {
  // @grpc/reflection reads only `fileDescriptorProtos` of each entry; the rest of proto-loader's shape serves grpc-js.
  const definition = {
    descriptors: { fileDescriptorProtos: fileDescriptorProtos(services) },
  } as unknown as ReflectionPackage;
  new ReflectionService(definition, {
    services: services.map((service) => service.typeName),
  }).addToServer(server);
}
