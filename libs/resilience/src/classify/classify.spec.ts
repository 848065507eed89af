import { status } from '@grpc/grpc-js';
import { BrokenCircuitError, BulkheadRejectedError } from 'cockatiel';
import { CircuitOpenError } from '../errors/circuit-open-error';
import { BulkheadFullError } from '../errors/bulkhead-full-error';
import { PolicyTimeoutError } from '../errors/policy-timeout-error';
import { FakeGrpcError, rawGrpcError, socketError } from '../testing/fake-errors';
import { classifyDatabaseError } from './database';
import { classifyGrpcError } from './grpc';
import { classifyHttpError } from './http';

const httpError = (s: number): Error => Object.assign(new Error(`HTTP ${s}`), { status: s });
const pgError = (code: string): Error => Object.assign(new Error(`pg ${code}`), { code });

describe('classifyGrpcError', () => {
  it.each(['UNAVAILABLE', 'DEADLINE_EXCEEDED', 'RESOURCE_EXHAUSTED'])(
    'retries libs/grpc %s',
    (code) => {
      expect(classifyGrpcError(new FakeGrpcError(code))).toBe('transient');
    },
  );

  it.each([status.UNAVAILABLE, status.DEADLINE_EXCEEDED, status.RESOURCE_EXHAUSTED])(
    'retries raw grpc-js status %i',
    (code) => {
      expect(classifyGrpcError(rawGrpcError(code))).toBe('transient');
    },
  );

  it.each([
    'NOT_FOUND',
    'INVALID_ARGUMENT',
    'ALREADY_EXISTS',
    'PERMISSION_DENIED',
    'FAILED_PRECONDITION',
    'CANCELLED',
  ])('treats %s as the caller’s error', (code) => {
    expect(classifyGrpcError(new FakeGrpcError(code))).toBe('caller');
  });

  it('treats raw NOT_FOUND and INVALID_ARGUMENT as the caller’s', () => {
    expect(classifyGrpcError(rawGrpcError(status.NOT_FOUND))).toBe('caller');
    expect(classifyGrpcError(rawGrpcError(status.INVALID_ARGUMENT))).toBe('caller');
  });

  it('counts INTERNAL and UNKNOWN as failures without retrying them', () => {
    expect(classifyGrpcError(new FakeGrpcError('INTERNAL'))).toBe('failure');
    expect(classifyGrpcError(rawGrpcError(status.UNKNOWN))).toBe('failure');
  });

  it('never retries an open breaker or a full bulkhead, retries a policy timeout', () => {
    expect(classifyGrpcError(new BrokenCircuitError())).toBe('caller');
    expect(classifyGrpcError(new CircuitOpenError('x'))).toBe('caller');
    expect(classifyGrpcError(new BulkheadRejectedError(1, 0))).toBe('caller');
    expect(classifyGrpcError(new BulkheadFullError('x', 1, 0))).toBe('caller');
    expect(classifyGrpcError(new PolicyTimeoutError(10))).toBe('transient');
  });

  it('retries socket errors and counts unknown errors as non-retryable failures', () => {
    expect(classifyGrpcError(socketError('ECONNRESET'))).toBe('transient');
    expect(classifyGrpcError(new Error('boom'))).toBe('failure');
    expect(classifyGrpcError('a string')).toBe('failure');
  });
});

describe('classifyHttpError', () => {
  it.each([500, 502, 503, 504, 429])('retries HTTP %i', (s) => {
    expect(classifyHttpError(httpError(s))).toBe('transient');
  });

  it.each([400, 401, 403, 404, 409, 422])('never retries HTTP %i', (s) => {
    expect(classifyHttpError(httpError(s))).toBe('caller');
  });

  it('reads statusCode and response.status too', () => {
    expect(classifyHttpError({ statusCode: 503 })).toBe('transient');
    expect(classifyHttpError({ response: { status: 404 } })).toBe('caller');
  });

  it.each([
    'ECONNREFUSED',
    'ECONNRESET',
    'ETIMEDOUT',
    'EPIPE',
    'EAI_AGAIN',
    'UND_ERR_SOCKET',
    'UND_ERR_CONNECT_TIMEOUT',
  ])('retries connection error %s', (code) => {
    expect(classifyHttpError(socketError(code))).toBe('transient');
  });

  it('retries fetch failures wrapping a socket error, and abort/timeout errors', () => {
    const fetchFailed = new TypeError('fetch failed', { cause: socketError('ECONNREFUSED') });
    expect(classifyHttpError(fetchFailed)).toBe('transient');
    expect(classifyHttpError(new DOMException('aborted', 'AbortError'))).toBe('transient');
    expect(classifyHttpError(new DOMException('timed out', 'TimeoutError'))).toBe('transient');
  });

  it('never retries an open breaker', () => {
    expect(classifyHttpError(new CircuitOpenError('x'))).toBe('caller');
  });
});

describe('classifyDatabaseError', () => {
  it.each(['08000', '08003', '08006', '40001', '40P01', '57P01', '57P02', '57P03', '53300'])(
    'retries SQLSTATE %s',
    (code) => {
      expect(classifyDatabaseError(pgError(code))).toBe('transient');
    },
  );

  it.each(['42601', '42P01', '23505', '23503', '22P02'])(
    'never retries syntax/constraint/data SQLSTATE %s',
    (code) => {
      expect(classifyDatabaseError(pgError(code))).toBe('caller');
    },
  );

  it('retries socket errors (EPIPE is not a SQLSTATE), pool timeouts and terminated connections', () => {
    expect(classifyDatabaseError(socketError('EPIPE'))).toBe('transient');
    expect(classifyDatabaseError(socketError('ECONNREFUSED'))).toBe('transient');
    expect(
      classifyDatabaseError(
        Object.assign(new Error('Timeout acquiring'), { name: 'KnexTimeoutError' }),
      ),
    ).toBe('transient');
    expect(classifyDatabaseError(new Error('Connection terminated unexpectedly'))).toBe(
      'transient',
    );
  });

  it('counts other server errors as failures', () => {
    expect(classifyDatabaseError(pgError('XX000'))).toBe('failure');
  });
});
