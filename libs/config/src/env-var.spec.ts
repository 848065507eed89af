import { ConfigError } from './config-error';
// A namespace import: each parser is named where it is tested, not in a second list beside the index's.
import * as envVar from './env-var';
import { defineConfig, loadConfig } from './load-config';

/** Loads one variable `V` through `schema` and returns its value (or throws ConfigError). */
function read<T>(schema: ReturnType<typeof defineConfig>, raw: string | undefined): T {
  return (loadConfig(schema, { V: raw }) as Record<string, unknown>)['V'] as T;
}

function messageOf(fn: () => unknown): string {
  try {
    fn();
  } catch (error: unknown) {
    if (error instanceof ConfigError) return error.message;
    throw error;
  }
  throw new Error('expected a ConfigError');
}

describe('port', () => {
  const schema = defineConfig({ V: envVar.port() });
  it.each([
    ['1', 1],
    ['8080', 8080],
    [' 65535 ', 65535],
  ])('accepts %j', (raw, expected) => expect(read(schema, raw)).toBe(expected));
  it.each(['0', '65536', 'abc', '80.5', '-1', '1e3'])('rejects %j', (raw) =>
    expect(messageOf(() => read(schema, raw))).toContain(
      `V: expected an integer port 1-65535, got ${JSON.stringify(raw)}`,
    ),
  );
});

describe('positiveInt and milliseconds', () => {
  it('parse integers of at least 1', () => {
    expect(read(defineConfig({ V: envVar.positiveInt() }), '3')).toBe(3);
    expect(read(defineConfig({ V: envVar.milliseconds() }), '5000')).toBe(5000);
  });
  it('reject zero and fractions', () => {
    expect(messageOf(() => read(defineConfig({ V: envVar.positiveInt() }), '0'))).toContain(
      'expected a positive integer',
    );
    expect(messageOf(() => read(defineConfig({ V: envVar.milliseconds() }), '1.5'))).toContain(
      'expected a positive integer number of milliseconds, got "1.5"',
    );
  });
});

describe('duration', () => {
  const schema = defineConfig({ V: envVar.duration() });
  it.each([
    ['250', 250],
    ['500ms', 500],
    ['5s', 5000],
    ['2m', 120_000],
    ['1h', 3_600_000],
  ])('reads %j as %d ms', (raw, expected) => expect(read(schema, raw)).toBe(expected));
  it.each(['0s', '5 minutes', 's', '-5s'])('rejects %j', (raw) =>
    expect(messageOf(() => read(schema, raw))).toContain('expected a duration'),
  );
});

describe('boolean', () => {
  const schema = defineConfig({ V: envVar.boolean() });
  it.each([
    ['true', true],
    ['TRUE', true],
    ['1', true],
    ['yes', true],
    ['on', true],
    ['false', false],
    ['0', false],
    ['No', false],
    ['off', false],
  ])('reads %j as %s', (raw, expected) => expect(read(schema, raw)).toBe(expected));
  it('rejects other words', () =>
    expect(messageOf(() => read(schema, 'maybe'))).toContain(
      'V: expected true or false (also 1/0, yes/no, on/off), got "maybe"',
    ));
});

describe('oneOf', () => {
  const schema = defineConfig({ V: envVar.oneOf(['debug', 'info']) });
  it('accepts a listed value', () => expect(read(schema, 'info')).toBe('info'));
  it('names the allowed values', () =>
    expect(messageOf(() => read(schema, 'INFO'))).toContain(
      'V: expected one of "debug", "info", got "INFO"',
    ));
});

describe('url', () => {
  it('accepts http and https by default', () => {
    const schema = defineConfig({ V: envVar.url() });
    expect(read(schema, 'http://127.0.0.1:4318')).toBe('http://127.0.0.1:4318');
    expect(messageOf(() => read(schema, 'postgres://x@h/db'))).toContain(
      'expected an absolute URL (http, https)',
    );
    expect(messageOf(() => read(schema, 'not a url'))).toContain('got "not a url"');
  });
  it('accepts the schemes it is given', () =>
    expect(
      read(defineConfig({ V: envVar.url(['postgres']) }), 'postgres://gaara@127.0.0.1:5432/gaara'),
    ).toBe('postgres://gaara@127.0.0.1:5432/gaara'));
});

describe('string and list', () => {
  it('trims a string', () =>
    expect(read(defineConfig({ V: envVar.string() }), '  catalog ')).toBe('catalog'));
  it('splits a list on commas and drops empty items', () =>
    expect(read(defineConfig({ V: envVar.list() }), 'a, b,,c ,')).toEqual(['a', 'b', 'c']));
  it('rejects a list of only commas', () =>
    expect(messageOf(() => read(defineConfig({ V: envVar.list() }), ' , '))).toContain(
      'expected a comma-separated list',
    ));
});
