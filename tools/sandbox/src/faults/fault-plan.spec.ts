import { FaultPlan } from './fault-plan';

function outcomes(plan: FaultPlan, calls: number): string {
  return Array.from({ length: calls }, () => {
    const decision = plan.decide();
    return decision.kind === 'fail' ? 'x' : decision.kind === 'pass' ? '.' : 'h';
  }).join('');
}

describe('FaultPlan', () => {
  it('passes every call by default', () => {
    expect(outcomes(new FaultPlan(), 5)).toBe('.....');
  });

  it('fails exactly failNext calls, then counts down to zero', () => {
    const plan = new FaultPlan();
    plan.apply({ failNext: 2 });
    expect(outcomes(plan, 4)).toBe('xx..');
    expect(plan.settings.failNext).toBe(0);
  });

  it('cycles errorPattern from its start each time it is set', () => {
    const plan = new FaultPlan();
    plan.apply({ errorPattern: 'x.' });
    expect(outcomes(plan, 5)).toBe('x.x.x');
    plan.apply({ errorPattern: 'x.' });
    expect(outcomes(plan, 1)).toBe('x');
  });

  it('repeats the same errorRate sequence for the same seed', () => {
    const plan = new FaultPlan();
    plan.apply({ errorRate: 0.5, seed: 7 });
    const first = outcomes(plan, 50);
    plan.apply({ seed: 7 });
    expect(outcomes(plan, 50)).toBe(first);
    expect(first).toMatch(/x/);
    expect(first).toMatch(/\./);
  });

  it('hangs before anything else and fails with the configured status after latency', () => {
    const plan = new FaultPlan();
    plan.apply({ hang: true, failNext: 1 });
    expect(plan.decide()).toEqual({ kind: 'hang' });
    plan.apply({ hang: false, errorStatus: 429, latencyMs: 10 });
    expect(plan.decide()).toEqual({ kind: 'fail', status: 429, latencyMs: 10 });
  });

  it('reset restores the defaults before applying the rest', () => {
    const plan = new FaultPlan();
    plan.apply({ errorRate: 1, hang: true });
    plan.apply({ reset: true, latencyMs: 5 });
    expect(plan.settings).toMatchObject({ errorRate: 0, hang: false, latencyMs: 5 });
  });
});
