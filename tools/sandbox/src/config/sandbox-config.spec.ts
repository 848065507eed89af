import { SandboxConfigError } from '../errors';
import { sandboxOptionsFromEnv } from './sandbox-config';

describe('sandboxOptionsFromEnv', () => {
  it('defaults to 127.0.0.1, control 8090, external 8091, payment 8092, smtp 2525', () => {
    expect(sandboxOptionsFromEnv({})).toEqual({
      host: '127.0.0.1',
      port: 8090,
      external: { port: 8091, token: 'sandbox-token' },
      payment: { port: 8092, apiKey: 'sk_test_sandbox' },
      smtp: { port: 2525 },
    });
  });

  it('makes every port ephemeral when the control port is 0', () => {
    expect(sandboxOptionsFromEnv({ GAARA_SANDBOX_PORT: '0' })).toMatchObject({
      port: 0,
      external: { port: 0 },
      payment: { port: 0 },
      smtp: { port: 0 },
    });
  });

  it('reads explicit ports and the token', () => {
    const options = sandboxOptionsFromEnv({
      GAARA_SANDBOX_PORT: '9000',
      GAARA_SANDBOX_EXTERNAL_PORT: '9001',
      GAARA_SANDBOX_EXTERNAL_TOKEN: 'secret',
      GAARA_SANDBOX_PAYMENT_PORT: '9002',
      GAARA_SANDBOX_PAYMENT_KEY: 'sk_test_other',
      GAARA_SANDBOX_SMTP_PORT: '9025',
    });
    expect(options).toMatchObject({
      port: 9000,
      external: { port: 9001, token: 'secret' },
      payment: { port: 9002, apiKey: 'sk_test_other' },
      smtp: { port: 9025 },
    });
  });

  it.each([
    [{ GAARA_SANDBOX_PORT: 'abc' }, 'GAARA_SANDBOX_PORT'],
    [{ GAARA_SANDBOX_EXTERNAL_PORT: '70000' }, 'GAARA_SANDBOX_EXTERNAL_PORT'],
    [{ GAARA_SANDBOX_EXTERNAL_TOKEN: '' }, 'GAARA_SANDBOX_EXTERNAL_TOKEN'],
    [{ GAARA_SANDBOX_PAYMENT_PORT: '-1' }, 'GAARA_SANDBOX_PAYMENT_PORT'],
    [{ GAARA_SANDBOX_PAYMENT_KEY: '' }, 'GAARA_SANDBOX_PAYMENT_KEY'],
    [{ GAARA_SANDBOX_SMTP_PORT: 'x' }, 'GAARA_SANDBOX_SMTP_PORT'],
  ])('rejects %j naming %s', (env, variable) => {
    expect(() => sandboxOptionsFromEnv(env)).toThrow(SandboxConfigError);
    expect(() => sandboxOptionsFromEnv(env)).toThrow(variable);
  });
});
