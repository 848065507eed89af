import { validateOutboxRow, type OutboxRow } from './outbox-row';

const row = (overrides: Partial<OutboxRow>): OutboxRow => ({
  id: '1',
  topic: 'gaara.orders',
  key: 'k',
  value: 'v',
  headers: {},
  ...overrides,
});

describe('validateOutboxRow', () => {
  it('accepts headers that are an object of strings, JSON text of one, or NULL', () => {
    expect(validateOutboxRow(row({ headers: { a: 'b' } }))).toMatchObject({ headers: { a: 'b' } });
    expect(validateOutboxRow(row({ headers: '{"a":"b"}' }))).toMatchObject({ headers: { a: 'b' } });
    expect(validateOutboxRow(row({ headers: null }))).toMatchObject({ headers: {} });
  });

  it.each([
    ['not JSON', 'not an object', /not JSON/],
    ['a JSON array', ['a'], /not a JSON object/],
    ['a number', 42, /not a JSON object/],
    ['a non-string value', { 'gaara-type': 1 }, /"gaara-type" is not a string/],
  ])('rejects headers that are %s', (_what, headers, reason) => {
    expect(validateOutboxRow(row({ headers }))).toEqual({ invalid: expect.stringMatching(reason) });
  });

  it.each(['', '.', '..', 'has space', 'ü', 'a'.repeat(250)])(
    'rejects the topic name %j',
    (topic) => {
      expect(validateOutboxRow(row({ topic }))).toEqual({
        invalid: expect.stringMatching(/invalid topic name/),
      });
    },
  );
});
