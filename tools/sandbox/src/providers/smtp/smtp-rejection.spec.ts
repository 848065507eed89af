import { rejectCodeFor } from './smtp-rejection';

describe('rejectCodeFor', () => {
  it.each([
    [500, false, 451],
    [503, false, 451],
    [500, true, 550],
    [599, true, 550],
    [429, true, 451],
  ])('errorStatus %d (set: %s) → %d', (errorStatus, set, code) => {
    expect(rejectCodeFor(errorStatus, set)).toBe(code);
  });
});
