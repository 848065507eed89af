import type { FastifyReply } from 'fastify';
import {
  ControlValidationError,
  ListenFailedError,
  UnknownControlViewError,
  UnknownProviderError,
} from '../errors';
import type { ControlErrorBody } from './control-state';

/** The 4xx status Fastify attached to a request error (bad JSON, wrong content type, too large), if any. */
function clientErrorStatus(error: unknown): number | undefined {
  if (!(error instanceof Error)) return undefined;
  const status = (error as { statusCode?: unknown }).statusCode;
  return typeof status === 'number' && status >= 400 && status < 500 ? status : undefined;
}

/** Maps anything a control route throws to a status and a {@link ControlErrorBody}; never leaks internals. */
export function sendControlError(reply: FastifyReply, error: unknown): FastifyReply {
  const send = (status: number, body: ControlErrorBody) => reply.code(status).send(body);
  if (error instanceof ControlValidationError) {
    const { code, message, field, reason } = error;
    return send(400, { code, message, field, reason });
  }
  if (error instanceof UnknownProviderError || error instanceof UnknownControlViewError) {
    return send(404, { code: error.code, message: error.message });
  }
  if (error instanceof ListenFailedError) {
    return send(503, { code: error.code, message: error.message });
  }
  const clientStatus = clientErrorStatus(error);
  if (clientStatus !== undefined && error instanceof Error) {
    const reason = error.message;
    return send(clientStatus, { code: 'INVALID_CONTROL', message: reason, field: 'body', reason });
  }
  return send(500, { code: 'INTERNAL', message: 'internal sandbox error' });
}
