import { createPaymentPolicy } from './payment-policy';

describe('the payment policy (spec: > 30 % failures open it for 120 s)', () => {
  it('carries the spec settings', () => {
    const policy = createPaymentPolicy(120_000, { registry: false });
    expect(policy.config.breaker.threshold).toBe(0.3);
    expect(policy.config.breaker.openMs).toBe(120_000);
    expect(policy.config.timeoutMs).toBe(5000);
    expect(policy.config.retry.maxAttempts).toBe(1);
    policy.dispose();
  });
});
