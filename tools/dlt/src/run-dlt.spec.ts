import { exitCodes, runDlt } from './run-dlt';
import { usage } from './parse-args';

function capture() {
  const out: string[] = [];
  const err: string[] = [];
  return {
    out,
    err,
    io: { out: (l: string) => void out.push(l), err: (l: string) => void err.push(l) },
  };
}

describe('runDlt without Kafka', () => {
  it('a usage error → exit 2, the error and the usage line on stderr, nothing on stdout', async () => {
    const { out, err, io } = capture();
    expect(await runDlt(['replay', 'payments'], {}, io)).toBe(exitCodes.usage);
    expect(err).toEqual([expect.stringMatching(/^error: replay needs exactly one/), usage]);
    expect(out).toEqual([]);
  });

  it('a bad environment → exit 2 naming the variable', async () => {
    const { err, io } = capture();
    const code = await runDlt(
      ['list', 'payments'],
      { GAARA_PAYMENT_RETRY_DELAYS: '5 seconds' },
      io,
    );
    expect(code).toBe(exitCodes.usage);
    expect(err[0]).toMatch(/retry delay/);
  });

  it('--help → usage on stdout, exit 0', async () => {
    const { out, io } = capture();
    expect(await runDlt(['--help'], {}, io)).toBe(exitCodes.ok);
    expect(out).toEqual([usage]);
  });

  it('Kafka unreachable → exit 1 with a JSON error line', async () => {
    const { out, err, io } = capture();
    const code = await runDlt(['list', 'payments'], { GAARA_KAFKA_BROKERS: '127.0.0.1:1' }, io);
    expect(code).toBe(exitCodes.failed);
    expect(out).toEqual([]);
    expect(JSON.parse(err[0] ?? '')).toEqual({
      error: { code: 'KAFKA_UNREACHABLE', message: expect.stringContaining('127.0.0.1:1') },
    });
  });
});
