import type { PaymentIntentRequest, ProviderAnswer } from './payment-intent';

/** What the store knows of a key when a request arrives. */
export type IdempotencyLookup =
  | { readonly kind: 'new' }
  | { readonly kind: 'in-flight' }
  | { readonly kind: 'mismatch' }
  | { readonly kind: 'replay'; readonly answer: ProviderAnswer };

interface StoredResult {
  readonly fingerprint: string;
  readonly answer: ProviderAnswer;
}

/** The parameters a reused key must repeat; Stripe compares the whole request, these are the ones that matter. */
function fingerprintOf(request: PaymentIntentRequest): string {
  return JSON.stringify([request.amount, request.currency, request.paymentMethod]);
}

/**
 * Stored answers per Idempotency-Key, Stripe's way: a key's first processed answer is replayed
 * for the same parameters, refused for others, and a key being processed is refused with 409.
 */
export class IdempotencyStore {
  private readonly results = new Map<string, StoredResult>();
  // A token per claim, so a claim released after a reset cannot release a newer one.
  private readonly claims = new Map<string, symbol>();

  get size(): number {
    return this.results.size;
  }

  get inFlight(): number {
    return this.claims.size;
  }

  lookup(key: string, request: PaymentIntentRequest): IdempotencyLookup {
    if (this.claims.has(key)) return { kind: 'in-flight' };
    const stored = this.results.get(key);
    if (stored === undefined) return { kind: 'new' };
    if (stored.fingerprint !== fingerprintOf(request)) return { kind: 'mismatch' };
    return { kind: 'replay', answer: stored.answer };
  }

  /** Marks the key in flight; call the returned function once the answer is sent (or dropped). */
  claim(key: string): () => void {
    const token = Symbol(key);
    this.claims.set(key, token);
    return () => {
      if (this.claims.get(key) === token) this.claims.delete(key);
    };
  }

  store(key: string, request: PaymentIntentRequest, answer: ProviderAnswer): void {
    this.results.set(key, { fingerprint: fingerprintOf(request), answer });
  }

  clear(): void {
    this.results.clear();
    this.claims.clear();
  }
}
