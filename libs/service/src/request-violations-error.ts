import type { FieldViolation } from '@gaara/grpc';
import { CodedError } from './coded-error';

/** Base of each service's "the request is malformed" error: `violations` name each bad field and why. */
export abstract class RequestViolationsError<
  Code extends string = string,
> extends CodedError<Code> {
  constructor(readonly violations: readonly FieldViolation[]) {
    super(violations.map((v) => `${v.field}: ${v.description}`).join('; '));
  }
}
