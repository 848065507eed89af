import { databaseEnvShape } from './database-env-shape';
import { grpcAddress } from './grpc-address';
import { grpcServerEnvShape } from './grpc-server-env-shape';
import { defineConfig, loadConfig } from './load-config';
import { ConfigError } from './config-error';

describe('shared environment fragments', () => {
  const schema = defineConfig({
    ...grpcServerEnvShape({ port: 9451 }),
    ...databaseEnvShape({ schema: 'catalog' }),
    GAARA_CATALOG_ADDR: grpcAddress().default('127.0.0.1:9451'),
  });

  it('gives the local defaults', () => {
    expect(loadConfig(schema, {})).toEqual({
      GAARA_GRPC_HOST: '127.0.0.1',
      GAARA_GRPC_PORT: 9451,
      GAARA_PG_URL: 'postgres://gaara:gaara@127.0.0.1:5432/gaara',
      GAARA_PG_SCHEMA: 'catalog',
      GAARA_PG_POOL_MAX: 30,
      GAARA_DB_HEALTH_INTERVAL_MS: 1000,
      GAARA_CATALOG_ADDR: '127.0.0.1:9451',
    });
  });

  it('accepts host:port targets, IPv6 in brackets', () => {
    const env = { GAARA_CATALOG_ADDR: '[::1]:6000', GAARA_PG_URL: 'postgresql://db:5432/x' };
    expect(loadConfig(schema, env)).toMatchObject(env);
  });

  it.each(['catalog', '127.0.0.1:0', '127.0.0.1:70000', 'http://catalog:9451'])(
    'rejects the gRPC target %s',
    (value) => {
      expect(() => loadConfig(schema, { GAARA_CATALOG_ADDR: value })).toThrow(ConfigError);
    },
  );

  it('rejects a database URL that is not PostgreSQL', () => {
    expect(() => loadConfig(schema, { GAARA_PG_URL: 'mysql://db/x' })).toThrow(/GAARA_PG_URL/);
  });
});
