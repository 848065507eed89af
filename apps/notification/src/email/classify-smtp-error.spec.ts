import { BulkheadFullError, CircuitOpenError, PolicyTimeoutError } from '@gaara/resilience';
import { classifyEmailError, toDeliveryError } from './classify-smtp-error';

/** An error shaped like nodemailer's for an SMTP reply. */
function smtpReply(responseCode: number, text: string): Error {
  return Object.assign(new Error(`Message failed: ${text}`), { code: 'EMESSAGE', responseCode });
}

function socketError(code: string): Error {
  return Object.assign(new Error('connect failed'), { code });
}

describe('classification of SMTP errors', () => {
  it.each([
    ['451 local error', smtpReply(451, '451 4.3.0 try again later')],
    ['421 service not available', smtpReply(421, '421 closing')],
    ['connection refused', socketError('ECONNECTION')],
    ['socket timeout', socketError('ETIMEDOUT')],
    ['socket error', socketError('ESOCKET')],
    ['policy timeout', new PolicyTimeoutError(5000)],
    ['open breaker', new CircuitOpenError('email')],
    ['full bulkhead', new BulkheadFullError('email', 1, 0)],
  ])('%s is transient', (_name, error) => expect(toDeliveryError(error).transient).toBe(true));

  it.each([
    ['550 mailbox unavailable', smtpReply(550, '550 5.1.1 <bob@example.com> unknown')],
    ['554 rejected', smtpReply(554, '554 transaction failed')],
    ['malformed envelope', socketError('EENVELOPE')],
  ])('%s is permanent', (_name, error) => expect(toDeliveryError(error).transient).toBe(false));

  it('names the reply code and never keeps the address', () => {
    const error = toDeliveryError(smtpReply(550, '550 5.1.1 <bob@example.com> unknown'));
    expect(error.errorClass).toBe('smtp-550');
    expect(error.message).not.toContain('bob@example.com');
    expect(error.cause).toBeUndefined();
  });

  it('counts transient failures against the breaker, not permanent ones or its own rejections', () => {
    expect(classifyEmailError(smtpReply(451, '451'))).toBe('transient');
    expect(classifyEmailError(socketError('ECONNECTION'))).toBe('transient');
    expect(classifyEmailError(new PolicyTimeoutError(5000))).toBe('transient');
    expect(classifyEmailError(smtpReply(550, '550'))).toBe('caller');
    expect(classifyEmailError(new CircuitOpenError('email'))).toBe('caller');
  });
});
