// A unary call made the way grpcurl makes it: descriptors from the server's reflection, JSON in and out.
import {
  createFileRegistry,
  fromBinary,
  fromJson,
  toBinary,
  toJson,
  type JsonValue,
} from '@bufbuild/protobuf';
import { Client, credentials, type ServiceError } from '@grpc/grpc-js';
import { ReflectionClient } from './reflection-client';

/**
 * Calls `service`'s unary `method` (e.g. `gaara.catalog.v1.CatalogService`, `ListProducts`) at `address` with the
 * request as proto3 JSON, knowing nothing of it but what reflection answers; resolves with the answer as JSON.
 */
export async function callThroughReflection(
  address: string,
  service: string,
  method: string,
  request: JsonValue,
): Promise<JsonValue> {
  const reflection = new ReflectionClient(address);
  const files = await reflection.fileContainingSymbol(service).finally(() => reflection.close());
  const [own] = files;
  if (own === undefined) throw new Error(`reflection answered no file for ${service}`);
  // The answer lists the symbol's file first, its imports after it in no set order: resolve them by name.
  const byName = new Map(files.map((file) => [file.name, file]));
  const registry = createFileRegistry(own, (name) => byName.get(name));
  const descriptor = registry.getService(service)?.methods.find((m) => m.name === method);
  if (descriptor === undefined) throw new Error(`reflection knows no method ${service}/${method}`);
  const client = new Client(address, credentials.createInsecure());
  try {
    return await new Promise<JsonValue>((resolve, reject) => {
      client.makeUnaryRequest(
        `/${service}/${method}`,
        (json: JsonValue) =>
          Buffer.from(toBinary(descriptor.input, fromJson(descriptor.input, json, { registry }))),
        (bytes: Buffer) =>
          toJson(descriptor.output, fromBinary(descriptor.output, bytes), { registry }),
        request,
        (error: ServiceError | null, answer?: JsonValue) =>
          error === null && answer !== undefined ? resolve(answer) : reject(error),
      );
    });
  } finally {
    client.close();
  }
}
