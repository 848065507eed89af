import { EventEmitter } from 'node:events';
import { stopOnSignals } from './stop-on-signals';

function harness() {
  const emitter = new EventEmitter();
  const lines: string[] = [];
  const exits: number[] = [];
  const logger = {
    info: (_: object, msg: string) => lines.push(`info ${msg}`),
    warn: (_: object, msg: string) => lines.push(`warn ${msg}`),
    error: (_: object, msg: string) => lines.push(`error ${msg}`),
  };
  const signals = {
    once: (event: string, listener: (signal: NodeJS.Signals) => void) => {
      emitter.once(event, listener);
      return process;
    },
  } as unknown as Pick<NodeJS.Process, 'once'>;
  let exited: () => void = () => undefined;
  /** Resolves at the first exit call. */
  const firstExit = new Promise<void>((resolve) => (exited = resolve));
  const exit = (code: number): void => {
    exits.push(code);
    exited();
  };
  return { emitter, lines, exits, logger, signals, exit, firstExit };
}

describe('stopOnSignals', () => {
  it('runs every step in order on SIGTERM, even after a failing one, then exits 0', async () => {
    const h = harness();
    const order: string[] = [];
    stopOnSignals(
      [
        () => order.push('consumers'),
        () => Promise.reject(new Error('db gone')),
        async () => void order.push('telemetry'),
      ],
      { service: 'payment', logger: h.logger, exit: h.exit, signals: h.signals },
    );
    h.emitter.emit('SIGTERM', 'SIGTERM');
    await h.firstExit;
    expect(order).toEqual(['consumers', 'telemetry']);
    expect(h.lines).toEqual([
      'info payment shutting down',
      'error payment shutdown step failed; going on',
    ]);
    expect(h.exits).toEqual([0]);
  });

  it('exits 1 once the hard limit passes while a step hangs', async () => {
    const h = harness();
    stopOnSignals([() => new Promise(() => undefined)], {
      service: 'invoice',
      logger: h.logger,
      exit: h.exit,
      signals: h.signals,
      hardLimitMs: 10,
    });
    h.emitter.emit('SIGINT', 'SIGINT');
    await h.firstExit;
    expect(h.exits).toEqual([1]);
    expect(h.lines).toContain('warn invoice shutdown exceeded its bound; exiting');
  });
});
