import { ControlValidationError } from '../errors';
import { integerIn } from '../faults/field-parsers';
import type { ProviderSettings } from '../providers/provider-module';
import { parseProviderUpdate } from './parse-provider-update';

const settings: ProviderSettings = {
  parsers: { respondDelayMs: integerIn(0, 1_000) },
  apply: () => undefined,
};

describe('parseProviderUpdate', () => {
  it('splits fault fields from provider settings', () => {
    expect(parseProviderUpdate({ failNext: 2, respondDelayMs: 10 }, settings)).toEqual({
      faults: { failNext: 2 },
      settings: { respondDelayMs: 10 },
    });
  });

  it.each([
    [{ respondDelayMs: -1 }, settings, 'respondDelayMs'],
    [{ respondDelayMs: 10 }, undefined, 'respondDelayMs'],
    [{ failNext: 1, nope: 1 }, settings, 'nope'],
    [[], settings, 'body'],
  ])('rejects %j naming the field', (body, providerSettings, field) => {
    expect(() => parseProviderUpdate(body, providerSettings)).toThrow(ControlValidationError);
    expect(() => parseProviderUpdate(body, providerSettings)).toThrow(field);
  });
});
