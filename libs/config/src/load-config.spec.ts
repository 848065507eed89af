import { ConfigError } from './config-error';
import { boolean, duration, list, port, string, url } from './env-var';
import { defineConfig, loadConfig } from './load-config';
import { loadConfigOrExit, type ExitIo } from './load-config-or-exit';
import { serviceEnvShape } from './service-env-shape';

const schema = defineConfig({
  GAARA_PG_PORT: port(),
  GAARA_PG_HOST: string().default('127.0.0.1'),
  GAARA_KAFKA_BROKERS: list(),
  GAARA_RETRY_DELAY: duration().optional(),
  GAARA_FEATURE_X: boolean().default(false),
});

function caught(fn: () => unknown): ConfigError {
  try {
    fn();
  } catch (error: unknown) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error('expected a ConfigError');
}

describe('loadConfig', () => {
  it('returns typed values with defaults applied', () => {
    const config = loadConfig(schema, {
      GAARA_PG_PORT: '5432',
      GAARA_KAFKA_BROKERS: 'a:9092,b:9092',
      OTHER: 'x',
    });
    expect(config).toEqual({
      GAARA_PG_PORT: 5432,
      GAARA_PG_HOST: '127.0.0.1',
      GAARA_KAFKA_BROKERS: ['a:9092', 'b:9092'],
      GAARA_RETRY_DELAY: undefined,
      GAARA_FEATURE_X: false,
    });
    const port: number = config.GAARA_PG_PORT;
    expect(port).toBe(5432);
  });

  it('returns a deeply frozen object', () => {
    const config = loadConfig(schema, { GAARA_PG_PORT: '5432', GAARA_KAFKA_BROKERS: 'a' });
    expect(Object.isFrozen(config)).toBe(true);
    expect(Object.isFrozen(config.GAARA_KAFKA_BROKERS)).toBe(true);
  });

  it('treats an empty variable as unset so its default applies', () => {
    const config = loadConfig(schema, {
      GAARA_PG_PORT: '5432',
      GAARA_KAFKA_BROKERS: 'a',
      GAARA_PG_HOST: '  ',
    });
    expect(config.GAARA_PG_HOST).toBe('127.0.0.1');
  });

  it('names every bad variable and what it expects in one error', () => {
    const error = caught(() =>
      loadConfig(schema, {
        GAARA_PG_PORT: 'abc',
        GAARA_RETRY_DELAY: 'soon',
        GAARA_FEATURE_X: 'maybe',
      }),
    );
    expect(error.code).toBe('CONFIG_INVALID');
    expect(error.issues.map((issue) => issue.variable)).toEqual([
      'GAARA_PG_PORT',
      'GAARA_KAFKA_BROKERS',
      'GAARA_RETRY_DELAY',
      'GAARA_FEATURE_X',
    ]);
    expect(error.message).toBe(
      [
        'Invalid configuration (4 problems):',
        '  GAARA_PG_PORT: expected an integer port 1-65535, got "abc"',
        '  GAARA_KAFKA_BROKERS: expected a comma-separated list of at least one item, but it is not set',
        '  GAARA_RETRY_DELAY: expected a duration such as 500ms, 5s, 2m or 1h (a bare number is milliseconds), got "soon"',
        '  GAARA_FEATURE_X: expected true or false (also 1/0, yes/no, on/off), got "maybe"',
      ].join('\n'),
    );
  });

  it('shortens a long raw value in the message', () => {
    const error = caught(() => loadConfig(defineConfig({ V: url() }), { V: 'x'.repeat(500) }));
    expect(error.message.length).toBeLessThan(200);
  });

  it('reads process.env by default', () => {
    process.env['GAARA_TEST_ONLY_PORT'] = '1234';
    try {
      expect(loadConfig(defineConfig({ GAARA_TEST_ONLY_PORT: port() })).GAARA_TEST_ONLY_PORT).toBe(
        1234,
      );
    } finally {
      delete process.env['GAARA_TEST_ONLY_PORT'];
    }
  });
});

describe('loadConfigOrExit', () => {
  class Exit extends Error {
    constructor(readonly code: number) {
      super(`exit ${code}`);
    }
  }
  function fakeIo(): ExitIo & { written: string[] } {
    const written: string[] = [];
    return {
      written,
      writeError: (text) => written.push(text),
      exit: (code) => {
        throw new Exit(code);
      },
    };
  }

  it('prints only the configuration message and exits with code 1', () => {
    const io = fakeIo();
    expect(() =>
      loadConfigOrExit(schema, { GAARA_PG_PORT: 'abc', GAARA_KAFKA_BROKERS: 'a' }, io),
    ).toThrow(new Exit(1));
    expect(io.written).toEqual([
      'Invalid configuration (1 problem):\n  GAARA_PG_PORT: expected an integer port 1-65535, got "abc"\n',
    ]);
  });

  it('returns the configuration when it is valid', () => {
    const io = fakeIo();
    expect(
      loadConfigOrExit(schema, { GAARA_PG_PORT: '1', GAARA_KAFKA_BROKERS: 'a' }, io).GAARA_PG_PORT,
    ).toBe(1);
    expect(io.written).toEqual([]);
  });
});

describe('serviceEnvShape', () => {
  it('gives every service the same variables with defaults', () => {
    const config = loadConfig(
      defineConfig(serviceEnvShape({ serviceName: 'catalog', metricsPort: 9471 })),
      {},
    );
    expect(config).toEqual({
      GAARA_SERVICE_NAME: 'catalog',
      GAARA_SERVICE_VERSION: '0.0.0',
      GAARA_DEPLOYMENT_ENVIRONMENT: 'local',
      GAARA_ENV: 'local',
      GAARA_LOG_LEVEL: 'info',
      GAARA_TELEMETRY_ENABLED: true,
      GAARA_OTLP_ENDPOINT: 'http://127.0.0.1:4318',
      GAARA_METRICS_PORT: 9471,
    });
  });

  it('requires a service name when no default is given', () => {
    expect(caught(() => loadConfig(defineConfig(serviceEnvShape()), {})).message).toContain(
      'GAARA_SERVICE_NAME: expected a non-empty string, but it is not set',
    );
  });

  it('composes with a service-specific shape', () => {
    const config = loadConfig(
      defineConfig({
        ...serviceEnvShape({ serviceName: 'gateway' }),
        GAARA_HTTP_PORT: port().default(8080),
      }),
      { GAARA_TELEMETRY_ENABLED: 'false', GAARA_LOG_LEVEL: 'debug' },
    );
    expect(config.GAARA_HTTP_PORT).toBe(8080);
    expect(config.GAARA_TELEMETRY_ENABLED).toBe(false);
    expect(config.GAARA_LOG_LEVEL).toBe('debug');
  });
});
