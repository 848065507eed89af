// with_progress (tools/stack/lib/common.sh): a long first build prints a line every interval, not silence.
import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';

const common = resolve(__dirname, '../lib/common.sh');

function withProgress(command: string): { status: number | null; stdout: string } {
  const result = spawnSync(
    'bash',
    ['-c', `source "${common}"; with_progress "jaeger: go build" ${command}`],
    {
      encoding: 'utf8',
      env: { ...process.env, GAARA_STACK_PROGRESS_INTERVAL: '1' },
      timeout: 20_000,
    },
  );
  return { status: result.status, stdout: result.stdout };
}

describe('with_progress', () => {
  it('prints what is running and the elapsed time every interval, then the total', () => {
    const { status, stdout } = withProgress('sleep 3.5');
    expect(status).toBe(0);
    const ticks = stdout
      .split('\n')
      .filter((line) => /^stack: jaeger: go build: still running \(\d+s elapsed\)$/.test(line));
    expect(ticks.length).toBeGreaterThanOrEqual(2);
    expect(stdout).toMatch(/stack: jaeger: go build: finished in \d+s\n$/);
  });

  it("returns the command's exit status", () => {
    const { status, stdout } = withProgress('bash -c "exit 3"');
    expect(status).toBe(3);
    expect(stdout).not.toContain('still running');
  });
});
