/** What a test token does to a charge. */
export type CardOutcome = 'succeeded' | 'declined' | 'invalid';

/** Token that always declines (402 card_declined). */
export const declinedToken = 'tok_chargeDeclined';
/** Token that is always rejected as invalid (400 payment_method_invalid). */
export const invalidToken = 'tok_invalid';

/**
 * Outcome of charging a payment method: `tok_chargeDeclined` declines, `tok_invalid` and anything that
 * is not `tok_` followed by letters, digits or underscores is invalid, every other token succeeds.
 */
export function cardOutcome(paymentMethod: string): CardOutcome {
  if (paymentMethod === declinedToken) return 'declined';
  if (paymentMethod === invalidToken || !/^tok_[A-Za-z0-9_]+$/.test(paymentMethod)) {
    return 'invalid';
  }
  return 'succeeded';
}
