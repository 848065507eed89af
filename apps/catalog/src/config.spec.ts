import { parseDelay } from '@gaara/messaging';
import { PAYMENTS_QUEUE } from '@gaara/topology';
import { loadConfig } from '@gaara/config';
import {
  catalogConfigSchema,
  DEFAULT_PRODUCT_CACHE_MS,
  DEFAULT_RESERVATION_HOLD_MS,
} from './config';

describe('the reservation hold', () => {
  it("outlasts the payment's whole retry span, so a charge still retrying keeps its units", () => {
    const spanMs = PAYMENTS_QUEUE.delays
      .split(',')
      .reduce((sum, delay) => sum + parseDelay(delay.trim()), 0);
    expect(DEFAULT_RESERVATION_HOLD_MS).toBeGreaterThan(spanMs);
  });
});

describe('GAARA_PRODUCT_CACHE_MS', () => {
  it('defaults to the documented bound and takes 0 (off)', () => {
    expect(loadConfig(catalogConfigSchema, {}).GAARA_PRODUCT_CACHE_MS).toBe(
      DEFAULT_PRODUCT_CACHE_MS,
    );
    expect(
      loadConfig(catalogConfigSchema, { GAARA_PRODUCT_CACHE_MS: '0' }).GAARA_PRODUCT_CACHE_MS,
    ).toBe(0);
    expect(
      loadConfig(catalogConfigSchema, { GAARA_PRODUCT_CACHE_MS: '250' }).GAARA_PRODUCT_CACHE_MS,
    ).toBe(250);
    expect(() => loadConfig(catalogConfigSchema, { GAARA_PRODUCT_CACHE_MS: '-1' })).toThrow(
      /GAARA_PRODUCT_CACHE_MS/,
    );
  });
});
