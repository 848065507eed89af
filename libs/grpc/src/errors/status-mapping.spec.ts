import { Metadata, status } from '@grpc/grpc-js';
import { grpcStatusByCode, type GrpcErrorCode } from './grpc-error-code';
import {
  InternalError,
  InvalidArgumentError,
  NotFoundError,
  UnavailableError,
  UnknownError,
} from './grpc-service-error';
import { fieldViolationsTrailer, fromGrpcStatus, toGrpcStatus } from './status-mapping';

describe('status mapping', () => {
  it('round-trips every code to its own class', () => {
    for (const [code, grpcStatus] of Object.entries(grpcStatusByCode)) {
      const error = fromGrpcStatus({ code: grpcStatus, details: 'd' });
      expect(error.code).toBe(code as GrpcErrorCode);
      expect(toGrpcStatus(error).code).toBe(grpcStatus);
    }
  });

  it('keeps the message of domain errors and hides opaque ones', () => {
    expect(toGrpcStatus(new NotFoundError('Product 7 not found'))).toMatchObject({
      code: status.NOT_FOUND,
      details: 'Product 7 not found',
    });
    expect(toGrpcStatus(new UnavailableError('Database down'))).toMatchObject({
      code: status.UNAVAILABLE,
      details: 'Database down',
    });
    expect(toGrpcStatus(new InternalError('null deref at x.ts:3'))).toMatchObject({
      code: status.INTERNAL,
      details: 'Internal error',
    });
    expect(toGrpcStatus(new TypeError('secret'))).toMatchObject({
      code: status.INTERNAL,
      details: 'Internal error',
    });
    expect(toGrpcStatus('a string')).toMatchObject({
      code: status.INTERNAL,
      details: 'Internal error',
    });
  });

  it('writes field violations into a trailer and reads them back', () => {
    const violations = [
      { field: 'items[0].quantity', description: 'must be positive — ünïcode ok' },
    ];
    const sent = toGrpcStatus(new InvalidArgumentError('Bad order', violations));
    const received = fromGrpcStatus(sent);
    expect(received).toBeInstanceOf(InvalidArgumentError);
    expect((received as InvalidArgumentError).violations).toEqual(violations);
  });

  it('survives a malformed violations trailer and unknown status numbers', () => {
    const metadata = new Metadata();
    metadata.set(fieldViolationsTrailer, Buffer.from('{not json'));
    expect(fromGrpcStatus({ code: status.INVALID_ARGUMENT, details: 'x', metadata })).toMatchObject(
      { violations: [] },
    );
    expect(fromGrpcStatus({ code: 42, details: 'odd' })).toBeInstanceOf(UnknownError);
  });
});
