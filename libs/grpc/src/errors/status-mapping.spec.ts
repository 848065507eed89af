import { Metadata, status } from '@grpc/grpc-js';
import { grpcStatusByCode, type GrpcErrorCode } from './grpc-error-code';
import {
  FailedPreconditionError,
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

  it.each<[thrown: unknown, code: status, details: string]>([
    [new NotFoundError('Product 7 not found'), status.NOT_FOUND, 'Product 7 not found'],
    [new UnavailableError('Database down'), status.UNAVAILABLE, 'Database down'],
    [new InternalError('null deref at x.ts:3'), status.INTERNAL, 'Internal error'],
    [new TypeError('secret'), status.INTERNAL, 'Internal error'],
    ['a string', status.INTERNAL, 'Internal error'],
  ])('keeps the message of domain errors and hides opaque ones (%p)', (thrown, code, details) => {
    expect(toGrpcStatus(thrown)).toMatchObject({ code, details });
  });

  it.each([
    ['INVALID_ARGUMENT', InvalidArgumentError],
    ['FAILED_PRECONDITION', FailedPreconditionError],
  ] as const)(
    'writes %s field violations into a trailer and reads them back',
    (_code, ErrorClass) => {
      const violations = [
        { field: 'items[0].quantity', description: 'must be positive — ünïcode ok' },
      ];
      const sent = toGrpcStatus(new ErrorClass('Bad order', violations));
      const received = fromGrpcStatus(sent);
      expect(received).toBeInstanceOf(ErrorClass);
      expect((received as InstanceType<typeof ErrorClass>).violations).toEqual(violations);
    },
  );

  it('survives a malformed violations trailer and unknown status numbers', () => {
    const metadata = new Metadata();
    metadata.set(fieldViolationsTrailer, Buffer.from('{not json'));
    expect(fromGrpcStatus({ code: status.INVALID_ARGUMENT, details: 'x', metadata })).toMatchObject(
      { violations: [] },
    );
    expect(fromGrpcStatus({ code: 42, details: 'odd' })).toBeInstanceOf(UnknownError);
  });
});
