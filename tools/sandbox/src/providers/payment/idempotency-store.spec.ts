import { IdempotencyStore } from './idempotency-store';
import type { PaymentIntentRequest, ProviderAnswer } from './payment-intent';

const request: PaymentIntentRequest = {
  amount: 100,
  currency: 'eur',
  paymentMethod: 'tok_visa',
  receiptEmail: undefined,
  metadata: {},
};
const answer: ProviderAnswer = {
  status: 402,
  body: { error: { type: 'card_error', code: 'card_declined', message: 'no' } },
};

describe('IdempotencyStore', () => {
  it('knows a key as new, in flight, then stored for the same parameters only', () => {
    const store = new IdempotencyStore();
    expect(store.lookup('k', request)).toEqual({ kind: 'new' });
    const release = store.claim('k');
    store.store('k', request, answer);
    expect(store.lookup('k', request)).toEqual({ kind: 'in-flight' });
    release();
    expect(store.lookup('k', request)).toEqual({ kind: 'replay', answer });
    expect(store.lookup('k', { ...request, amount: 101 })).toEqual({ kind: 'mismatch' });
    expect(store.lookup('k', { ...request, metadata: { a: 'b' } })).toEqual({
      kind: 'replay',
      answer,
    });
  });

  it('a claim released after a clear does not release a newer claim of the key', () => {
    const store = new IdempotencyStore();
    const stale = store.claim('k');
    store.clear();
    store.claim('k');
    stale();
    expect(store.lookup('k', request)).toEqual({ kind: 'in-flight' });
  });
});
