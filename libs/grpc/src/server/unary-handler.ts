import {
  create,
  type DescMethod,
  type MessageInitShape,
  type MessageShape,
} from '@bufbuild/protobuf';
import type { handleUnaryCall, Metadata, ServerErrorResponse } from '@grpc/grpc-js';
import type { GrpcErrorStatus } from '../errors/status-mapping';
import type { GrpcLogger } from '../logger';
import { createCallContext } from './call-context';
import { errorReply } from './error-reply';
import type { UnaryHandler } from './service-implementation';

/** Adapts an async unary handler to grpc-js, answering exactly once whatever the handler does. */
export function adaptUnaryHandler(
  method: DescMethod,
  path: string,
  handler: UnaryHandler<DescMethod['input'], DescMethod['output']>,
  logger: GrpcLogger,
): handleUnaryCall<unknown, unknown> {
  return (call, callback) => {
    const { context, dispose } = createCallContext(call, path);
    let answered = false;
    const answer = (
      error: ServerErrorResponse | null,
      response?: unknown,
      trailer?: Metadata,
    ): void => {
      if (answered) return;
      answered = true;
      dispose();
      callback(error, response, trailer);
    };
    // The request was produced by fromBinary(method.input) in this adapter's deserializer.
    const request = call.request as MessageShape<DescMethod['input']>;
    // Promise.resolve().then turns a synchronous throw into a rejection, so there is a single error path.
    Promise.resolve()
      .then(() => handler(request, context))
      // create() may throw on a malformed response: that lands in the same catch, still one answer.
      .then((response: MessageInitShape<DescMethod['output']>) =>
        answer(null, create(method.output, response)),
      )
      .catch((error: unknown) =>
        answer(toServerError(errorReply(error, path, context.signal, logger))),
      );
  };
}

function toServerError(status: GrpcErrorStatus): ServerErrorResponse {
  return {
    name: 'GrpcServiceError',
    message: status.details,
    code: status.code,
    details: status.details,
    metadata: status.metadata,
  };
}
