import { z } from 'zod';
import { decodeFilteredPageToken, type PageTokenViolation } from './filtered-page-token';
import { encodePageToken } from './page-token';

class RefusedToken extends Error {
  constructor(readonly violation: PageTokenViolation) {
    super(violation.description);
  }
}

const cursorSchema = z.object({ v: z.literal(1), category: z.string() });
const options = {
  sameFilters: (cursor: z.infer<typeof cursorSchema>) => cursor.category === 'garden',
  otherFilters: 'was issued for different filters',
  refuse: (violation: PageTokenViolation) => new RefusedToken(violation),
};

describe('filtered page tokens', () => {
  it('returns the cursor of a token issued for the same filters', () => {
    const token = encodePageToken({ v: 1, category: 'garden' });
    expect(decodeFilteredPageToken(token, cursorSchema, options)).toEqual({
      v: 1,
      category: 'garden',
    });
  });

  it.each([
    ['garbage!!', 'is not a token this service issued'],
    [encodePageToken({ v: 1, category: 'kitchen' }), 'was issued for different filters'],
  ])('refuses %j with the service error naming page_token', (token, description) => {
    expect(() => decodeFilteredPageToken(token, cursorSchema, options)).toThrow(
      new RefusedToken({ field: 'page_token', description }),
    );
  });
});
