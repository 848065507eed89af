import { REDACTED, redactEmails, redactMessageText } from './redact-pii';

describe('redactMessageText', () => {
  it('redacts PII fields at any depth, case-insensitively, and e-mail-like strings; keeps the rest', () => {
    const text = JSON.stringify({
      paymentId: 'pay-1',
      amountMinor: 1200,
      ReceiptEmail: 'ada@example.com',
      lines: [{ to: 'x' }, { note: 'write to b.c+d@mail.example.org.' }],
      ok: true,
      none: null,
    });
    expect(JSON.parse(redactMessageText(text))).toEqual({
      paymentId: 'pay-1',
      amountMinor: 1200,
      ReceiptEmail: REDACTED,
      lines: [{ to: REDACTED }, { note: `write to ${REDACTED}` }],
      ok: true,
      none: null,
    });
  });

  it('redacts e-mail addresses in text that is not JSON', () => {
    expect(redactMessageText('to=<ada@example.com>; cc ada@x.io')).toBe(
      `to=<${REDACTED}>; cc ${REDACTED}`,
    );
  });

  it('leaves text without addresses alone', () => {
    expect(redactEmails('user @ host, a@b')).toBe('user @ host, a@b');
  });
});
