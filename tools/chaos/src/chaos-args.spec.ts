import { parseChaosArgs, SHORT_FAULTS } from './chaos-args';
import { allFaults, faultsNamed } from './faults';

describe('parseChaosArgs', () => {
  it('runs every fault for 15 s at 20 orders/s by default', () => {
    expect(parseChaosArgs([])).toMatchObject({ faults: [], faultSeconds: 15, ordersPerSecond: 20 });
  });

  it('--short names faults that exist, a few seconds each', () => {
    const args = parseChaosArgs(['--short']);
    expect(args.faults).toEqual(SHORT_FAULTS);
    expect(faultsNamed(args.faults).map((f) => f.name)).toEqual(SHORT_FAULTS);
    expect(args.faultSeconds).toBeLessThanOrEqual(5);
    // Latency and recovery are reported there but fail only the full run (issue #12: not met yet).
    expect(args.enforce).toBe('correctness');
    expect(parseChaosArgs([]).enforce).toBe('all');
    expect(parseChaosArgs(['--short', '--enforce', 'all']).enforce).toBe('all');
    expect(() => parseChaosArgs(['--enforce', 'some'])).toThrow(/all or correctness/);
  });

  it('takes a fault list and bounds the rate', () => {
    const args = parseChaosArgs(['--faults', 'kafka-stopped,smtp-down', '--rate', '500']);
    expect(args.faults).toEqual(['kafka-stopped', 'smtp-down']);
    expect(args.ordersPerSecond).toBe(50);
  });

  it('refuses unknown flags and bad numbers with the usage', () => {
    expect(() => parseChaosArgs(['--fast'])).toThrow(/usage: npm run chaos/);
    expect(() => parseChaosArgs(['--fault-seconds', 'x'])).toThrow(/positive number/);
  });
});

describe('the faults', () => {
  it("cover the issue's list: stack parts, every process, the provider, SMTP, and four network faults per link", () => {
    const names = allFaults().map((f) => f.name);
    expect(names).toEqual(
      expect.arrayContaining([
        'postgres-stopped',
        'kafka-stopped',
        'jaeger-stopped',
        ...['catalog', 'invoice', 'payment', 'notification', 'aggregator', 'gateway'].map(
          (s) => `${s}-killed`,
        ),
        'provider-down',
        'provider-hanging',
        'provider-50pct-errors',
        'smtp-down',
        ...['postgres', 'kafka', 'provider'].flatMap((d) =>
          ['latency', 'blackhole', 'reset', 'slow'].map((t) => `${d}-net-${t}`),
        ),
      ]),
    );
    expect(new Set(names).size).toBe(names.length);
  });

  it('refuses an unknown fault name, listing the known ones', () => {
    expect(() => faultsNamed(['meteor'])).toThrow(
      /unknown fault "meteor"; known: postgres-stopped/,
    );
  });
});
