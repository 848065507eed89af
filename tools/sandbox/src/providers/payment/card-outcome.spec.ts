import { cardOutcome } from './card-outcome';

describe('cardOutcome', () => {
  it.each([
    ['tok_visa', 'succeeded'],
    ['tok_mastercard', 'succeeded'],
    ['tok_chargeDeclined', 'declined'],
    ['tok_invalid', 'invalid'],
    ['tok_', 'invalid'],
    ['pm_card_visa', 'invalid'],
    ['tok_vi sa', 'invalid'],
    ['', 'invalid'],
  ])('%j → %s', (paymentMethod, outcome) => {
    expect(cardOutcome(paymentMethod)).toBe(outcome);
  });
});
