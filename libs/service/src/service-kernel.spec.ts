import { EventEmitter } from 'node:events';
import { runService, type ServiceProcess } from './service-kernel';

function harness() {
  const emitter = new EventEmitter();
  const events: string[] = [];
  const exits: number[] = [];
  const exited = new Promise<number>((resolve) => {
    emitter.on('exit', resolve);
  });
  const note = (level: string) => (_: object, message: string) =>
    void events.push(`${level} ${message}`);
  const process_: ServiceProcess = {
    logger: {
      debug: note('debug'),
      info: note('info'),
      warn: note('warn'),
      error: note('error'),
      fatal: note('fatal'),
    },
    shutdown: async () => void events.push('telemetry shutdown'),
  };
  const signals = {
    once: (event: string, listener: (signal: NodeJS.Signals) => void) => {
      emitter.once(event, listener);
      return process;
    },
  } as unknown as Pick<NodeJS.Process, 'once'>;
  const exit = (code: number): void => {
    exits.push(code);
    emitter.emit('exit', code);
  };
  return { emitter, events, exits, exited, process_, signals, exit };
}

describe('runService, the service kernel', () => {
  it('starts the parts in order and stops them in reverse on SIGTERM, telemetry last, then exits 0', async () => {
    const h = harness();
    await runService(
      h.process_,
      { name: 'catalog', exit: h.exit, signals: h.signals },
      async (parts) => {
        parts.onStop('database', () => void h.events.push('database closed'));
        await parts.start('gRPC server', {
          stop: async () => void h.events.push('server stopped'),
        });
      },
    );
    expect(h.events).toEqual(['info catalog started']);
    h.emitter.emit('SIGTERM', 'SIGTERM');
    expect(await h.exited).toBe(0);
    expect(h.events.slice(1)).toEqual([
      'info catalog shutting down',
      'server stopped',
      'database closed',
      'telemetry shutdown',
    ]);
  });

  it('stops what had started when a part fails to start, and exits 1', async () => {
    const h = harness();
    await runService(
      h.process_,
      { name: 'invoice', exit: h.exit, signals: h.signals },
      async (parts) => {
        parts.onStop('database', () => void h.events.push('database closed'));
        await parts.start('gRPC server', Promise.reject(new Error('port taken')));
      },
    );
    expect(h.exits).toEqual([1]);
    expect(h.events).toEqual([
      'fatal invoice failed to start',
      'database closed',
      'telemetry shutdown',
    ]);
  });

  it('exits 1 once the stop bound passes while a part hangs', async () => {
    const h = harness();
    await runService(
      h.process_,
      { name: 'payment', stopBoundMs: 50, exit: h.exit, signals: h.signals },
      async (parts) => {
        parts.onStop('hung consumer', () => new Promise(() => undefined));
      },
    );
    h.emitter.emit('SIGINT', 'SIGINT');
    expect(await h.exited).toBe(1);
    expect(h.events).toContain('warn payment shutdown exceeded its bound; exiting');
  });

  it('starts a background part and stops it with the others', async () => {
    const h = harness();
    let started!: Promise<boolean>;
    await runService(
      h.process_,
      { name: 'notification', exit: h.exit, signals: h.signals },
      async (parts) => {
        started = parts.background('payment events consumer', async () => ({
          stop: async () => void h.events.push('consumer stopped'),
        })).started;
      },
    );
    expect(await started).toBe(true);
    expect(h.events).toContain('info payment events consumer running');
    h.emitter.emit('SIGTERM', 'SIGTERM');
    expect(await h.exited).toBe(0);
    expect(h.events.slice(-2)).toEqual(['consumer stopped', 'telemetry shutdown']);
  });
});
