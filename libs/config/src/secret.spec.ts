import { port } from './env-var';
import { defineConfig, loadConfig } from './load-config';
import { secret } from './secret';

const schema = defineConfig({
  GAARA_PORT: port().default(80),
  GAARA_API_TOKEN: secret('sandbox-token'),
  GAARA_ADMIN_TOKEN: secret(''),
});

/** The message loadConfig refuses `env` with. */
function messageOf(env: Record<string, string>): string {
  let message = '';
  expect(() => {
    try {
      loadConfig(schema, env);
    } catch (error: unknown) {
      message = error instanceof Error ? error.message : String(error);
      throw error;
    }
  }).toThrow('Invalid configuration');
  return message;
}

describe('secret', () => {
  it('uses the local default outside production', () => {
    expect(loadConfig(schema, {})).toMatchObject({
      GAARA_API_TOKEN: 'sandbox-token',
      GAARA_ADMIN_TOKEN: '',
    });
    expect(loadConfig(schema, { GAARA_ENV: 'local' }).GAARA_API_TOKEN).toBe('sandbox-token');
  });

  it('with GAARA_ENV=production refuses every unset (or empty) secret, naming each, with the other issues', () => {
    const message = messageOf({ GAARA_ENV: 'production', GAARA_ADMIN_TOKEN: ' ', GAARA_PORT: 'x' });
    expect(message).toContain('3 problems');
    expect(message).toContain('GAARA_PORT: expected');
    expect(message).toContain(
      'GAARA_API_TOKEN: expected a secret of its own (GAARA_ENV=production has no default), but it is not set',
    );
    expect(message).toContain('GAARA_ADMIN_TOKEN: expected a secret of its own');
  });

  it('with GAARA_ENV=production refuses the public local default, and takes a value of its own', () => {
    expect(
      messageOf({
        GAARA_ENV: 'production',
        GAARA_API_TOKEN: 'sandbox-token',
        GAARA_ADMIN_TOKEN: 'a',
      }),
    ).toContain(
      'GAARA_API_TOKEN: expected a secret of its own (GAARA_ENV=production has no default), got "sandbox-token"',
    );
    expect(
      loadConfig(schema, {
        GAARA_ENV: 'production',
        GAARA_API_TOKEN: 'k1',
        GAARA_ADMIN_TOKEN: 'k2',
      }),
    ).toMatchObject({ GAARA_API_TOKEN: 'k1', GAARA_ADMIN_TOKEN: 'k2' });
  });
});
