import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, mkdirSync, openSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { grpcHealth, httpStatus, pollUntil } from './health';
import {
  DEFAULT_PORTS,
  NOTIFICATIONS_QUEUE,
  PAYMENTS_QUEUE,
  retryDelaysVariable,
  serviceEnvironment,
  SERVICE_WIRING,
  type Placement,
  type PortPlan,
} from '@gaara/topology';
import { prometheusTargetsDir } from '@gaara/stack';
import { metricsPortOf } from './metrics-ports';
import { freePorts } from './ports';
import {
  removeTargetsFile,
  targetsFile,
  writeTargetsFile,
  type ScrapeTarget,
} from './prometheus-targets';
import { DEFAULT_RESTART_POLICY, nextRestart, type RestartPolicy } from './restart-backoff';
import {
  serviceNames,
  storeService,
  type ReplicableService,
  type ServiceName,
} from './store-services';

/** Every port the store listens on. */
export interface StorePorts {
  readonly sandbox: number;
  readonly sandboxExternal: number;
  readonly sandboxPayment: number;
  readonly sandboxSmtp: number;
  readonly catalog: number;
  readonly catalogMetrics: number;
  readonly invoice: number;
  readonly invoiceMetrics: number;
  readonly payment: number;
  readonly paymentMetrics: number;
  readonly notification: number;
  readonly notificationMetrics: number;
  readonly aggregator: number;
  readonly aggregatorMetrics: number;
  readonly gateway: number;
}

/** The standard local ports (README, docker-compose), from the declared topology. */
export const defaultPorts: StorePorts = Object.freeze({
  sandbox: DEFAULT_PORTS.sandbox.control,
  sandboxExternal: DEFAULT_PORTS.sandbox.external,
  sandboxPayment: DEFAULT_PORTS.sandbox.payment,
  sandboxSmtp: DEFAULT_PORTS.sandbox.smtp,
  catalog: DEFAULT_PORTS.catalog.grpc,
  catalogMetrics: DEFAULT_PORTS.catalog.metrics,
  invoice: DEFAULT_PORTS.invoice.grpc,
  invoiceMetrics: DEFAULT_PORTS.invoice.metrics,
  payment: DEFAULT_PORTS.payment.grpc,
  paymentMetrics: DEFAULT_PORTS.payment.metrics,
  notification: DEFAULT_PORTS.notification.grpc,
  notificationMetrics: DEFAULT_PORTS.notification.metrics,
  aggregator: DEFAULT_PORTS.aggregator.grpc,
  aggregatorMetrics: DEFAULT_PORTS.aggregator.metrics,
  gateway: DEFAULT_PORTS.gateway.http,
});

/** A second instance started by {@link RunningStore.startReplica}. */
export interface Replica {
  readonly grpcPort: number;
  readonly metricsPort: number;
  readonly pid: number | undefined;
  readonly logFile: string;
  /** Sends `signal` (default SIGTERM), SIGKILL after the stop bound; resolves once it exited. */
  stop(signal?: NodeJS.Signals): Promise<void>;
}

/** What "ready" means for a service: healthy (SERVING / 200), or merely answering. */
export type Readiness = 'healthy' | 'listening';

export interface LaunchOptions {
  /** Repository root; defaults to the one holding this file. */
  readonly root?: string;
  /** `ephemeral` allocates free loopback ports; otherwise overrides of {@link defaultPorts}. */
  readonly ports?: 'ephemeral' | Partial<StorePorts>;
  /** Services to start (default all), always in {@link serviceNames} order. */
  readonly services?: readonly ServiceName[];
  /** PostgreSQL URL of catalog and invoice. */
  readonly pgUrl?: string;
  /** PostgreSQL schemas; default each service's own name. */
  readonly schemas?: Partial<Record<'catalog' | 'invoice' | 'payment' | 'notification', string>>;
  /** Prepended to every Kafka topic of the store (tests isolate runs with it); default ''. */
  readonly topicPrefix?: string;
  /** Retry-tier delays (e.g. `1s,2s,3s`) for the services and the gateway's dead-letter tools; default the services' own. */
  readonly retryDelays?: { readonly payments?: string; readonly notifications?: string };
  /** Variables given to every service. */
  readonly commonEnv?: Readonly<Record<string, string>>;
  /** Variables per service, applied last. */
  readonly env?: Partial<Record<ServiceName, Readonly<Record<string, string>>>>;
  /** Directory of the log files; default `.state/logs/<run id>`. */
  readonly logDir?: string;
  /**
   * Directory the local Prometheus watches for file_sd target files; default `.state/prometheus-targets` under
   * `root`; `false` writes none. The run's file lists every process's /metrics and is removed by stopAll.
   */
  readonly prometheusTargetsDir?: string | false;
  /** Bound on each service's start, in milliseconds; default 30 s. */
  readonly startTimeoutMs?: number;
  /** Bound between SIGTERM and SIGKILL, in milliseconds; default 5 s. */
  readonly stopTimeoutMs?: number;
  readonly readiness?: Partial<Record<ServiceName, Readiness>>;
  /** Aborting during start-up stops every child started so far and rejects. */
  readonly signal?: AbortSignal;
  /** Progress lines; default silent. */
  readonly log?: (line: string) => void;
  /**
   * Restart a service that exits unexpectedly, with backoff, as `npm start` does; `true` takes
   * {@link DEFAULT_RESTART_POLICY}. Defaults to off: tests kill services and expect them to stay down.
   */
  readonly supervise?: boolean | RestartPolicy;
}

/** One child process's record. */
export interface ServiceState {
  readonly name: ServiceName;
  readonly pid: number | undefined;
  readonly alive: boolean;
  /** Exits nobody asked for (crashes), with code or signal. */
  readonly unexpectedExits: readonly string[];
  /** Restarts made by the supervisor since the service last counted as recovered. */
  readonly restarts: number;
  readonly logFile: string;
}

interface Slot {
  readonly name: ServiceName;
  readonly main: string;
  readonly env: Record<string, string>;
  readonly logFile: string;
  child: ChildProcess | undefined;
  exited: Promise<void>;
  stopping: boolean;
  readonly unexpectedExits: string[];
  restarts: number;
  /** When it last became ready, in epoch ms; reset by each crash. */
  readyAt: number | undefined;
  restartTimer: NodeJS.Timeout | undefined;
}

/** A slot for a process not yet started. */
function newSlot(
  name: ServiceName,
  main: string,
  env: Record<string, string>,
  logFile: string,
): Slot {
  return {
    name,
    main,
    env,
    logFile,
    child: undefined,
    exited: Promise.resolve(),
    stopping: false,
    unexpectedExits: [],
    restarts: 0,
    readyAt: undefined,
    restartTimer: undefined,
  };
}

/** The running store: handles to stop, kill and restart each process. */
export interface RunningStore {
  readonly ports: StorePorts;
  readonly runId: string;
  readonly logDir: string;
  /** The run's Prometheus file_sd file (labels `job` = process, `run_id`), if written. */
  readonly prometheusTargets: string | undefined;
  readonly gatewayUrl: string;
  readonly sandboxUrl: string;
  readonly externalApiUrl: string;
  /** `host:port` of a gRPC service. */
  address(name: 'catalog' | 'invoice' | 'payment' | 'notification' | 'aggregator'): string;
  /** Base URL of the sandbox's payment provider. */
  readonly paymentProviderUrl: string;
  /** The Kafka topic prefix every service was given. */
  readonly topicPrefix: string;
  /** SIGTERM, SIGKILL after the stop bound; resolves once the process exited. */
  stop(name: ServiceName): Promise<void>;
  /** Sends `signal` and waits (bounded) for the exit. */
  kill(name: ServiceName, signal?: NodeJS.Signals): Promise<void>;
  /** Starts a stopped service again with the same port and environment and waits until ready. */
  start(name: ServiceName, readiness?: Readiness): Promise<void>;
  /** Waits until `name` is ready; throws with its log's tail on timeout or exit. */
  waitReady(name: ServiceName, readiness?: Readiness, timeoutMs?: number): Promise<void>;
  state(name: ServiceName): ServiceState;
  states(): ServiceState[];
  /** Last `lines` lines of a service's log. */
  logTail(name: ServiceName, lines?: number): string;
  /** Starts one more instance of `name` (same environment, its own gRPC and metrics ports), ready when SERVING. */
  startReplica(name: ReplicableService): Promise<Replica>;
  /** Stops every running child, replicas included: SIGTERM, then SIGKILL after the bound. */
  stopAll(): Promise<void>;
}

function randomId(): string {
  return `${new Date().toISOString().replace(/[-:T]/g, '').slice(0, 14)}-${Math.random().toString(36).slice(2, 8)}`;
}

async function resolvePorts(option: LaunchOptions['ports']): Promise<StorePorts> {
  if (option === 'ephemeral') return ephemeralPorts();
  return { ...defaultPorts, ...option };
}

/** Every port of a store, free on loopback now (callers that must know them before the launch pass them on). */
export async function ephemeralPorts(): Promise<StorePorts> {
  const p = await freePorts(15);
  return {
    sandbox: p[0],
    sandboxExternal: p[1],
    sandboxPayment: p[2],
    sandboxSmtp: p[3],
    catalog: p[4],
    catalogMetrics: p[5],
    invoice: p[6],
    invoiceMetrics: p[7],
    payment: p[8],
    paymentMetrics: p[9],
    notification: p[10],
    notificationMetrics: p[11],
    aggregator: p[12],
    aggregatorMetrics: p[13],
    gateway: p[14],
  };
}

/** The declared ports' shape of the launcher's flat {@link StorePorts}. */
function portPlan(ports: StorePorts): PortPlan {
  const grpc = (name: 'catalog' | 'invoice' | 'payment' | 'notification' | 'aggregator') => ({
    grpc: ports[name],
    metrics: ports[`${name}Metrics`],
  });
  return {
    catalog: grpc('catalog'),
    invoice: grpc('invoice'),
    payment: grpc('payment'),
    notification: grpc('notification'),
    aggregator: grpc('aggregator'),
    gateway: { http: ports.gateway },
    sandbox: {
      control: ports.sandbox,
      external: ports.sandboxExternal,
      payment: ports.sandboxPayment,
      smtp: ports.sandboxSmtp,
    },
  };
}

/** Environment of each service: its declared wiring on this machine, then the run's overrides. */
function serviceEnv(
  ports: StorePorts,
  options: LaunchOptions,
): Record<ServiceName, Record<string, string>> {
  const place: Placement = {
    bindHost: '127.0.0.1',
    ports: portPlan(ports),
    hostOf: () => '127.0.0.1',
    databaseUrl: options.pgUrl ?? 'postgres://gaara:gaara@127.0.0.1:5432/gaara',
  };
  const delays: Record<string, string | undefined> = {
    [retryDelaysVariable(PAYMENTS_QUEUE)]: options.retryDelays?.payments,
    [retryDelaysVariable(NOTIFICATIONS_QUEUE)]: options.retryDelays?.notifications,
  };
  const result = {} as Record<ServiceName, Record<string, string>>;
  for (const name of serviceNames) {
    const env = serviceEnvironment(name, place);
    // A run's delays replace only the tiers the service's wiring declares.
    for (const [key, value] of Object.entries(delays)) {
      if (key in env && value !== undefined) env[key] = value;
    }
    if (name !== 'sandbox' && SERVICE_WIRING[name].kafka) {
      env['GAARA_KAFKA_TOPIC_PREFIX'] = options.topicPrefix ?? '';
    }
    const schemas: Partial<Record<ServiceName, string>> = options.schemas ?? {};
    const schema = schemas[name];
    if (schema !== undefined && 'GAARA_PG_SCHEMA' in env) env['GAARA_PG_SCHEMA'] = schema;
    // The caller's NODE_OPTIONS (say --cpu-prof) come after the services' own, so they add to or override them.
    const inherited = process.env['NODE_OPTIONS'];
    if (env['NODE_OPTIONS'] !== undefined && inherited) {
      env['NODE_OPTIONS'] = `${env['NODE_OPTIONS']} ${inherited}`;
    }
    result[name] = { ...options.commonEnv, ...env, ...options.env?.[name] };
  }
  return result;
}

function mainOf(root: string, name: ServiceName): string {
  return join(root, storeService(name).root, 'dist/main.js');
}

/** The port key of an HTTP-probed service. */
function httpPortOf(name: ServiceName): 'sandbox' | 'gateway' {
  if (name === 'sandbox' || name === 'gateway') return name;
  throw new Error(`${name} has no HTTP health port`);
}

/** The port key of a gRPC service. */
function grpcPortOf(name: ServiceName): Exclude<ServiceName, 'sandbox' | 'gateway'> {
  if (name === 'sandbox' || name === 'gateway') throw new Error(`${name} is not a gRPC service`);
  return name;
}

function tail(file: string, lines: number): string {
  try {
    return readFileSync(file, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
  } catch {
    return '(no log)';
  }
}

/**
 * Starts the store's processes (`node <dist main>` each) in dependency order and waits until each is ready.
 * On a failed start every child already started is stopped before the error is thrown.
 */
export async function launchStore(options: LaunchOptions = {}): Promise<RunningStore> {
  const root = options.root ?? resolve(__dirname, '../../..');
  const runId = randomId();
  const logDir = options.logDir ?? join(root, '.state/logs', runId);
  mkdirSync(logDir, { recursive: true });
  const ports = await resolvePorts(options.ports);
  const envs = serviceEnv(ports, options);
  const startTimeoutMs = options.startTimeoutMs ?? 30_000;
  const stopTimeoutMs = options.stopTimeoutMs ?? 5_000;
  const log = options.log ?? (() => undefined);
  const restartPolicy =
    options.supervise === true ? DEFAULT_RESTART_POLICY : options.supervise || undefined;
  let closing = false;
  const wanted = new Set(options.services ?? serviceNames);
  const targetsDir = options.prometheusTargetsDir ?? prometheusTargetsDir(root);
  /** Metrics ports of the replicas running now. */
  const replicaMetrics = new Map<Slot, number>();
  // Every wanted process stays listed while the store runs, so a crashed one shows as down, not gone.
  const publishTargets = (): void => {
    // After stopAll the file stays removed, even if a replica is stopped later.
    if (targetsDir === false || closing) return;
    const targets: ScrapeTarget[] = [];
    for (const name of serviceNames) {
      const port = metricsPortOf(name, ports);
      if (wanted.has(name) && port !== undefined)
        targets.push({ process: name, address: `127.0.0.1:${port}` });
    }
    for (const [s, port] of replicaMetrics)
      targets.push({ process: s.name, address: `127.0.0.1:${port}` });
    try {
      writeTargetsFile(targetsDir, runId, targets);
    } catch (error: unknown) {
      // Observability must not stop the store from starting.
      log(`Prometheus targets not written to ${targetsDir}: ${String(error)}`);
    }
  };
  const slots = new Map<ServiceName, Slot>();
  for (const name of serviceNames) {
    slots.set(name, newSlot(name, mainOf(root, name), envs[name], join(logDir, `${name}.log`)));
  }
  const slot = (name: ServiceName): Slot => {
    const found = slots.get(name);
    if (found === undefined) throw new Error(`unknown service ${name}`);
    return found;
  };
  const isAlive = (s: Slot): boolean =>
    s.child !== undefined && s.child.exitCode === null && s.child.signalCode === null;

  const spawnSlot = (s: Slot): void => {
    if (isAlive(s)) throw new Error(`${s.name} is already running`);
    const fd = openSync(s.logFile, 'a');
    const child = spawn(process.execPath, [s.main], {
      cwd: root,
      env: { ...process.env, ...s.env },
      stdio: ['ignore', fd, fd],
    });
    closeSync(fd);
    s.child = child;
    s.stopping = false;
    s.exited = new Promise((done) => {
      child.once('exit', (code, signal) => {
        if (!s.stopping) {
          const how = signal ?? `code ${code}`;
          s.unexpectedExits.push(how);
          log(`${s.name} exited unexpectedly (${how}); log: ${s.logFile}`);
          if (restartPolicy !== undefined && !closing && slots.get(s.name) === s) {
            scheduleRestart(s, restartPolicy);
          }
        }
        done();
      });
      child.once('error', () => done());
    });
  };

  // The supervisor: one pending restart per crashed service, delayed by the backoff.
  const scheduleRestart = (s: Slot, policy: RestartPolicy): void => {
    const next = nextRestart({ restarts: s.restarts, readyAt: s.readyAt }, Date.now(), policy);
    s.restarts = next.restarts;
    s.readyAt = undefined;
    log(`restarting ${s.name} in ${next.delayMs / 1000} s (restart ${next.restarts})`);
    s.restartTimer = setTimeout(() => {
      s.restartTimer = undefined;
      if (closing || isAlive(s)) return;
      spawnSlot(s);
      waitReady(s.name).then(
        () => {
          s.readyAt = Date.now();
          log(`${s.name} ready again (pid ${s.child?.pid})`);
        },
        // A start that died is restarted by the exit handler; one that hangs is reported.
        (error: unknown) => {
          if (isAlive(s)) log(`${s.name} restarted but not ready: ${String(error)}`);
        },
      );
    }, next.delayMs);
  };

  const probe = async (name: ServiceName, readiness: Readiness): Promise<boolean> => {
    const path = name === 'sandbox' ? '/_health' : '/health';
    if (storeService(name).probe === 'http') {
      const status = await httpStatus(`http://127.0.0.1:${ports[httpPortOf(name)]}${path}`);
      return readiness === 'healthy' ? status === 200 : status !== 0;
    }
    const health = await grpcHealth(`127.0.0.1:${ports[grpcPortOf(name)]}`);
    return readiness === 'healthy' ? health === 'SERVING' : health !== 'UNREACHABLE';
  };

  const waitReady = async (
    name: ServiceName,
    readiness: Readiness = options.readiness?.[name] ?? 'healthy',
    timeoutMs = startTimeoutMs,
  ): Promise<void> => {
    const s = slot(name);
    const ok = await pollUntil(async () => {
      if (options.signal?.aborted === true) throw new Error(`start-up aborted`);
      if (!isAlive(s)) throw new Error(`${name} exited while starting`);
      return probe(name, readiness);
    }, timeoutMs).catch((error: unknown) => {
      throw new Error(
        `${error instanceof Error ? error.message : String(error)}; last log lines of ${s.logFile}:\n${tail(s.logFile, 30)}`,
      );
    });
    if (!ok) {
      throw new Error(
        `${name} not ${readiness} within ${timeoutMs} ms; last log lines of ${s.logFile}:\n${tail(s.logFile, 30)}`,
      );
    }
  };

  const killSlot = async (s: Slot, signal: NodeJS.Signals): Promise<void> => {
    const name = s.name;
    clearTimeout(s.restartTimer);
    s.restartTimer = undefined;
    if (!isAlive(s)) return;
    s.stopping = true;
    s.child?.kill(signal);
    let timer: NodeJS.Timeout | undefined;
    const timedOut = await Promise.race([
      s.exited.then(() => false),
      new Promise<boolean>((r) => (timer = setTimeout(() => r(true), stopTimeoutMs))),
    ]);
    clearTimeout(timer);
    if (timedOut) {
      log(`${name} did not exit within ${stopTimeoutMs} ms of ${signal}; SIGKILL`);
      s.child?.kill('SIGKILL');
      await s.exited;
    }
  };
  const kill = (name: ServiceName, signal: NodeJS.Signals = 'SIGTERM'): Promise<void> =>
    killSlot(slot(name), signal);

  const replicas: Slot[] = [];
  const startReplica = async (name: ReplicableService): Promise<Replica> => {
    const [grpcPort, metricsPort] = await freePorts(2);
    const env = {
      ...slot(name).env,
      GAARA_GRPC_PORT: String(grpcPort),
      GAARA_METRICS_PORT: String(metricsPort),
    };
    const logFile = join(logDir, `${name}-replica-${replicas.length + 1}.log`);
    const s = newSlot(name, slot(name).main, env, logFile);
    replicas.push(s);
    log(`starting a second ${name}`);
    spawnSlot(s);
    replicaMetrics.set(s, metricsPort);
    publishTargets();
    const ready = await pollUntil(async () => {
      if (!isAlive(s))
        throw new Error(`${name} replica exited while starting:\n${tail(s.logFile, 30)}`);
      return (await grpcHealth(`127.0.0.1:${grpcPort}`)) === 'SERVING';
    }, startTimeoutMs);
    if (!ready) throw new Error(`${name} replica not healthy:\n${tail(s.logFile, 30)}`);
    return {
      grpcPort,
      metricsPort,
      pid: s.child?.pid,
      logFile: s.logFile,
      stop: async (signal = 'SIGTERM') => {
        await killSlot(s, signal);
        if (replicaMetrics.delete(s)) publishTargets();
      },
    };
  };

  const start = async (name: ServiceName, readiness?: Readiness): Promise<void> => {
    const s = slot(name);
    if (options.signal?.aborted === true) throw new Error('start-up aborted');
    log(`starting ${name}`);
    spawnSlot(s);
    await waitReady(name, readiness);
    s.readyAt = Date.now();
    log(`${name} ready (pid ${s.child?.pid})`);
  };

  const stopAll = async (): Promise<void> => {
    closing = true;
    // First, so Prometheus stops scraping before the processes go (no down blips from a planned stop).
    try {
      if (targetsDir !== false) removeTargetsFile(targetsDir, runId);
    } catch (error: unknown) {
      log(`Prometheus targets file of ${runId} not removed: ${String(error)}`);
    }
    await Promise.all([
      ...[...slots.keys()].map((name) => kill(name, 'SIGTERM')),
      ...replicas.map((s) => killSlot(s, 'SIGTERM')),
    ]);
  };

  const state = (name: ServiceName): ServiceState => {
    const s = slot(name);
    return {
      name,
      pid: s.child?.pid,
      alive: isAlive(s),
      unexpectedExits: [...s.unexpectedExits],
      restarts: s.restarts,
      logFile: s.logFile,
    };
  };

  const store: RunningStore = {
    ports,
    runId,
    logDir,
    prometheusTargets: targetsDir === false ? undefined : targetsFile(targetsDir, runId),
    gatewayUrl: `http://127.0.0.1:${ports.gateway}`,
    sandboxUrl: `http://127.0.0.1:${ports.sandbox}`,
    externalApiUrl: envs.gateway['GAARA_EXTERNAL_API_URL'],
    paymentProviderUrl: envs.payment['GAARA_PAYMENT_PROVIDER_URL'],
    topicPrefix: options.topicPrefix ?? '',
    address: (name) => `127.0.0.1:${ports[name]}`,
    stop: (name) => kill(name, 'SIGTERM'),
    kill,
    start,
    waitReady,
    state,
    states: () => serviceNames.filter((n) => wanted.has(n)).map(state),
    logTail: (name, lines = 40) => tail(slot(name).logFile, lines),
    startReplica,
    stopAll,
  };

  publishTargets();
  try {
    // sandbox and catalog (migrations, seed) have no dependency on each other; the rest follow in order.
    await Promise.all(
      (['sandbox', 'catalog'] as const).filter((n) => wanted.has(n)).map((n) => start(n)),
    );
    for (const name of ['invoice', 'payment', 'notification', 'aggregator', 'gateway'] as const) {
      if (wanted.has(name)) await start(name);
    }
  } catch (error) {
    await stopAll();
    throw error;
  }
  return store;
}
