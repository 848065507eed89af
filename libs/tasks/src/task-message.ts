import {
  create,
  fromJsonString,
  toJsonString,
  type DescMessage,
  type MessageInitShape,
} from '@bufbuild/protobuf';
import { firstRetryMessage, type MessageToPublish, type RetryTopology } from '@gaara/messaging';

/**
 * The retry task of a ledger row as a service reads it: the row's id under the name `K` (e.g. `paymentId`) and
 * the attempts the row had made when the task's retry chain started (which identifies the chain).
 */
export type LedgerTask<K extends string> = { readonly [P in K]: string } & {
  readonly attemptsBefore: number;
};

/** One kind of retry task (a protobuf message naming a row and its `attempts_before`), read and written as proto JSON. */
export interface TaskKind<K extends string> {
  /** Its `gaara-type` header value: the message's full protobuf name. */
  readonly type: string;
  /** Parses a task's JSON; throws on anything that is not this message or names no row. */
  parse(value: string): LedgerTask<K>;
  /**
   * The message that puts `task` on the FIRST tier of `topology` after the failed attempt `error` (written
   * through the outbox); key = the row id, so the tasks of one row stay on one partition.
   */
  firstTierMessage(
    topology: RetryTopology,
    task: LedgerTask<K>,
    originalTopic: string,
    error: unknown,
  ): MessageToPublish;
}

/**
 * The task kind of `schema`, a message with the string field `idField` (its TypeScript name) for the row id and an
 * integer field `attemptsBefore`.
 */
export function taskKind<K extends string>(schema: DescMessage, idField: K): TaskKind<K> {
  const idName = schema.fields.find((field) => field.localName === idField)?.name ?? idField;
  const encode = (task: LedgerTask<K>): string =>
    toJsonString(schema, create(schema, task as MessageInitShape<DescMessage>));
  return {
    type: schema.typeName,
    parse: (value) => {
      const task = fromJsonString(schema, value) as Record<string, unknown>;
      const id = task[idField];
      if (typeof id !== 'string' || id === '') throw new Error(`${schema.name} without ${idName}`);
      return { [idField]: id, attemptsBefore: Number(task['attemptsBefore']) } as LedgerTask<K>;
    },
    firstTierMessage: (topology, task, originalTopic, error) => {
      const { topic, message } = firstRetryMessage(topology, {
        key: task[idField],
        type: schema.typeName,
        value: encode(task),
        originalTopic,
        error,
      });
      return { topic, ...message };
    },
  };
}
