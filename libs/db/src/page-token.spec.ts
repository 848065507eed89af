import { z } from 'zod';
import { DatabaseError } from './database-error';
import { decodePageToken, encodePageToken } from './page-token';

const cursor = z.object({ v: z.literal(1), after: z.string() });

describe('page tokens', () => {
  it('round-trips a cursor through an opaque URL-safe token', () => {
    const token = encodePageToken({ v: 1, after: 'Oak chair/é' });
    expect(token).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(decodePageToken(token, cursor)).toEqual({ v: 1, after: 'Oak chair/é' });
  });

  it.each(['not a token', 'e30', encodePageToken({ v: 2, after: 'x' }), '%%%'])(
    'rejects %j with DB_INVALID_PAGE_TOKEN',
    (token) => {
      expect(() => decodePageToken(token, cursor)).toThrow(DatabaseError);
      try {
        decodePageToken(token, cursor);
      } catch (error: unknown) {
        expect((error as DatabaseError).code).toBe('DB_INVALID_PAGE_TOKEN');
      }
    },
  );
});
