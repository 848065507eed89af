import { readStoreKnobs } from './store-knobs';

describe('store bench knobs', () => {
  it('defaults to 3 rounds of 6 s on 16 connections with the telemetry-off pass', () => {
    expect(readStoreKnobs({})).toMatchObject({
      rounds: 3,
      roundSeconds: 6,
      connections: 16,
      skipTelemetryOff: false,
      idleSeconds: 15,
      logLevel: undefined,
    });
  });

  it('reads the environment and refuses nonsense naming the variable', () => {
    expect(
      readStoreKnobs({
        BENCH_ROUNDS: '5',
        BENCH_SKIP_TELEMETRY_OFF: 'true',
        BENCH_LOG_LEVEL: 'warn',
      }),
    ).toMatchObject({ rounds: 5, skipTelemetryOff: true, logLevel: 'warn' });
    expect(() => readStoreKnobs({ BENCH_CONNECTIONS: '0' })).toThrow(/BENCH_CONNECTIONS/);
    expect(() => readStoreKnobs({ BENCH_ROUND_SECONDS: 'six' })).toThrow(/BENCH_ROUND_SECONDS/);
    expect(() => readStoreKnobs({ BENCH_SKIP_TELEMETRY_OFF: 'yes' })).toThrow(
      /BENCH_SKIP_TELEMETRY_OFF/,
    );
  });
});
