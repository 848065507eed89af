import {
  fromJsonString,
  toJsonString,
  type DescMessage,
  type MessageShape,
} from '@bufbuild/protobuf';
import { PoisonMessageError } from './poison-message-error';

/** Reads and writes one message type as proto JSON, the form our topics carry. */
export interface MessageCodec<T> {
  /** The `gaara-type` header value: the message's full protobuf name. */
  readonly type: string;
  /** Parses `value`; malformed JSON or an empty required field is poison (dead-lettered at once). */
  decode(value: string): T;
  encode(message: T): string;
}

/**
 * A proto-JSON codec of `schema`. `required` names fields (by their TypeScript name) that must not be empty;
 * unknown fields are ignored, so a newer producer does not poison older consumers.
 */
export function protoJsonCodec<Desc extends DescMessage>(
  schema: Desc,
  required: ReadonlyArray<keyof MessageShape<Desc> & string> = [],
): MessageCodec<MessageShape<Desc>> {
  const protoNames = required.map(
    (localName) => schema.fields.find((field) => field.localName === localName)?.name ?? localName,
  );
  return {
    type: schema.typeName,
    decode: (value) => {
      let message: MessageShape<Desc>;
      try {
        message = fromJsonString(schema, value, { ignoreUnknownFields: true });
      } catch (error: unknown) {
        throw new PoisonMessageError(`not a ${schema.name}: ${String(error).slice(0, 200)}`);
      }
      if (required.some((field) => (message[field] as unknown) === '')) {
        throw new PoisonMessageError(`${schema.name} without ${protoNames.join(' or ')}`);
      }
      return message;
    },
    encode: (message) => toJsonString(schema, message),
  };
}
