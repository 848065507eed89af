import { CircuitOpenError, PolicyTimeoutError } from '@gaara/resilience';
import { sanitizeAttemptError } from '../charging/attempt-error';
import { classifyProviderError, failureKindOf } from './classify-provider-error';
import {
  ProviderDeclinedError,
  ProviderProtocolError,
  ProviderRejectedError,
  ProviderUnavailableError,
} from './provider-errors';

const fetchFailed = new TypeError('fetch failed', {
  cause: Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:1'), { code: 'ECONNREFUSED' }),
});

describe('classifyProviderError (the payment policy classifier)', () => {
  it.each<[string, unknown, string]>([
    [
      'a decline (the customer, not the provider)',
      new ProviderDeclinedError('card_declined'),
      'caller',
    ],
    ['a rejected request', new ProviderRejectedError('payment_method_invalid'), 'caller'],
    ['503', new ProviderUnavailableError(503), 'transient'],
    ['409 idempotent request in flight', new ProviderUnavailableError(409), 'transient'],
    ['429', new ProviderUnavailableError(429), 'transient'],
    ['a 2xx without an intent', new ProviderProtocolError('bad body'), 'transient'],
    ['the policy timeout', new PolicyTimeoutError(5000), 'transient'],
    ['a refused connection', fetchFailed, 'transient'],
    ['an open breaker', new CircuitOpenError('payment'), 'caller'],
  ])('%s → %s', (_, error, expected) => {
    expect(classifyProviderError(error)).toBe(expected);
  });
});

describe('failureKindOf (what the payment does after a failed attempt)', () => {
  it('fails for good only on the provider’s own "never" answers', () => {
    expect(failureKindOf(new ProviderDeclinedError('card_declined'))).toBe('permanent');
    expect(failureKindOf(new ProviderRejectedError('payment_method_invalid'))).toBe('permanent');
  });

  it.each<[string, unknown]>([
    ['503', new ProviderUnavailableError(503)],
    ['an open breaker', new CircuitOpenError('payment')],
    ['a timeout', new PolicyTimeoutError(5000)],
    ['a refused connection', fetchFailed],
  ])('queues a retry after %s', (_, error) => {
    expect(failureKindOf(error)).toBe('transient');
  });
});

describe('sanitizeAttemptError', () => {
  it('keeps a stable code and a message built by the service, never foreign text', () => {
    expect(sanitizeAttemptError(new ProviderDeclinedError('card_declined')).description).toBe(
      'PROVIDER_DECLINED: card declined (card_declined)',
    );
    expect(sanitizeAttemptError(new CircuitOpenError('payment')).description).toBe(
      'CIRCUIT_OPEN: payment breaker is open',
    );
    expect(sanitizeAttemptError(fetchFailed).description).toBe(
      'NETWORK: connection failed (ECONNREFUSED)',
    );
    const leaky = new Error('token tok_secret for ada@example.com');
    expect(sanitizeAttemptError(leaky).description).toBe('UNEXPECTED: attempt failed (Error)');
  });
});
