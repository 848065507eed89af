// A grpc.reflection.v1 client for tests: what grpcurl asks a server, without an external binary or .proto files.
import { fromBinary } from '@bufbuild/protobuf';
import { BinaryReader, BinaryWriter, WireType } from '@bufbuild/protobuf/wire';
import { FileDescriptorProtoSchema, type FileDescriptorProto } from '@bufbuild/protobuf/wkt';
import { Client, credentials } from '@grpc/grpc-js';

const reflectionMethod = '/grpc.reflection.v1.ServerReflection/ServerReflectionInfo';

/** Field numbers of grpc/reflection/v1/reflection.proto this client reads and writes. */
const field = {
  request: { fileContainingSymbol: 4, listServices: 7 },
  response: { fileDescriptor: 4, listServices: 6, error: 7 },
} as const;

/** One answer of ServerReflectionInfo, as far as this client reads it. */
interface ReflectionAnswer {
  readonly services: string[];
  readonly files: Uint8Array[];
  readonly error?: string;
}

/** Asks a server's reflection service; every method opens one stream, sends one request and closes it. */
export class ReflectionClient {
  private readonly client: Client;

  /** @param address `host:port` of a plaintext gRPC server. */
  constructor(address: string) {
    this.client = new Client(address, credentials.createInsecure());
  }

  /** Fully-qualified names of the services the server reflects, e.g. `gaara.catalog.v1.CatalogService`. */
  async listServices(): Promise<string[]> {
    return (await this.ask(field.request.listServices, '')).services;
  }

  /** The file declaring `symbol` and the files it imports, decoded. */
  async fileContainingSymbol(symbol: string): Promise<FileDescriptorProto[]> {
    const { files } = await this.ask(field.request.fileContainingSymbol, symbol);
    return files.map((bytes) => fromBinary(FileDescriptorProtoSchema, bytes));
  }

  close(): void {
    this.client.close();
  }

  private ask(requestField: number, value: string): Promise<ReflectionAnswer> {
    return new Promise((resolve, reject) => {
      const call = this.client.makeBidiStreamRequest(
        reflectionMethod,
        (text: string) =>
          Buffer.from(
            new BinaryWriter().tag(requestField, WireType.LengthDelimited).string(text).finish(),
          ),
        (bytes: Buffer) => decodeAnswer(bytes),
      );
      call.on('data', (answer: ReflectionAnswer) => {
        if (answer.error === undefined) resolve(answer);
        else reject(new Error(`reflection refused: ${answer.error}`));
        call.end();
      });
      call.on('error', reject);
      call.write(value);
    });
  }
}

function decodeAnswer(bytes: Uint8Array): ReflectionAnswer {
  const reader = new BinaryReader(bytes);
  const answer: { services: string[]; files: Uint8Array[]; error?: string } = {
    services: [],
    files: [],
  };
  while (reader.pos < reader.len) {
    const [fieldNo, wireType] = reader.tag();
    if (fieldNo === field.response.listServices) {
      answer.services.push(
        ...repeatedMessages(reader.bytes()).map((service) => firstString(service)),
      );
    } else if (fieldNo === field.response.fileDescriptor) {
      answer.files.push(...repeatedMessages(reader.bytes()));
    } else if (fieldNo === field.response.error) {
      answer.error = errorMessage(reader.bytes());
    } else {
      reader.skip(wireType, fieldNo);
    }
  }
  return answer;
}

/** Every field 1 of a message (ListServiceResponse.service, FileDescriptorResponse.file_descriptor_proto). */
function repeatedMessages(bytes: Uint8Array): Uint8Array[] {
  const reader = new BinaryReader(bytes);
  const values: Uint8Array[] = [];
  while (reader.pos < reader.len) {
    const [fieldNo, wireType] = reader.tag();
    if (fieldNo === 1) values.push(reader.bytes());
    else reader.skip(wireType, fieldNo);
  }
  return values;
}

/** ServiceResponse.name (field 1). */
function firstString(bytes: Uint8Array): string {
  return new TextDecoder().decode(repeatedMessages(bytes)[0] ?? new Uint8Array());
}

/** ErrorResponse: `error_code` (1) and `error_message` (2) as one line. */
function errorMessage(bytes: Uint8Array): string {
  const reader = new BinaryReader(bytes);
  let code = 0;
  let message = '';
  while (reader.pos < reader.len) {
    const [fieldNo, wireType] = reader.tag();
    if (fieldNo === 1) code = reader.int32();
    else if (fieldNo === 2) message = reader.string();
    else reader.skip(wireType, fieldNo);
  }
  return `${code} ${message}`;
}
