import { CodedError } from './coded-error';

/**
 * The base class of one service's "no such <entity>" error, with its stable `code`: the message reads
 * `<entity> <id> does not exist` and the id stays on the error as `entityId`.
 */
export function entityNotFoundError<const Code extends string>(code: Code, entity: string) {
  return class EntityNotFoundError extends CodedError<Code> {
    readonly code: Code = code;
    constructor(readonly entityId: string) {
      super(`${entity} ${entityId} does not exist`);
    }
  };
}
