import { loadConfig } from '@gaara/config';
import { gatewayConfig } from './config';

const secrets = ['GAARA_ADMIN_TOKEN', 'GAARA_EXTERNAL_API_TOKEN', 'GAARA_CUSTOMER_TOKEN_SECRET'];

describe('gateway config', () => {
  it('runs locally on the default secrets', () => {
    expect(loadConfig(gatewayConfig, {})).toMatchObject({
      GAARA_ADMIN_TOKEN: '',
      GAARA_EXTERNAL_API_TOKEN: 'sandbox-token',
      GAARA_CUSTOMER_TOKEN_SECRET: 'local-customer-token-secret',
    });
  });

  it.each(secrets)('GAARA_ENV=production without %s → refused, naming it', (missing) => {
    const env = Object.fromEntries(
      secrets.filter((name) => name !== missing).map((name) => [name, `own-${name}`]),
    );
    expect(() => loadConfig(gatewayConfig, { ...env, GAARA_ENV: 'production' })).toThrow(
      `Invalid configuration (1 problem):\n  ${missing}: expected a secret of its own (GAARA_ENV=production has no default), but it is not set`,
    );
  });

  it('GAARA_ENV=production with every secret set → loads', () => {
    const env = Object.fromEntries(secrets.map((name) => [name, `own-${name}`]));
    expect(loadConfig(gatewayConfig, { ...env, GAARA_ENV: 'production' })).toMatchObject(env);
  });
});
