// One spec file's store under test, set up once: its isolation, a database pool, the running store and its steps.
import type { Knex } from 'knex';
import type { RunningStore } from '@gaara/launcher';
import {
  database,
  startStoreFor,
  stepRecorder,
  stopStoreFor,
  uniqueIsolation,
  type StoreIsolation,
} from '../harness';

/** Options of {@link storeSession}; timeouts in milliseconds. */
export interface StoreSessionOptions {
  /** Default timeout of each step. */
  readonly stepTimeoutMs: number;
  /** Timeout of the beforeAll that starts the store; defaults to 90 s. */
  readonly startTimeoutMs?: number;
  /** Timeout of the afterAll that stops it (`beforeStop` included); defaults to 60 s. */
  readonly stopTimeoutMs?: number;
  /** Runs in the afterAll before the store stops, e.g. to restart a stack service a step stopped. */
  readonly beforeStop?: () => Promise<void> | void;
}

/** What a spec file works with; `store` and `db` exist from the session's beforeAll on. */
export interface StoreSession {
  readonly isolation: StoreIsolation;
  readonly store: RunningStore;
  readonly db: Knex;
  /** A test that marks the session failed when it throws, so the afterAll prints the log tails once. */
  readonly step: ReturnType<typeof stepRecorder>['step'];
}

/**
 * Registers the spec file's beforeAll (a store of its own on unique schemas and topics) and afterAll (stop it,
 * log tails first when a step failed, drop the schemas); call it at the top of the file, before other hooks.
 */
export function storeSession(options: StoreSessionOptions): StoreSession {
  const isolation = uniqueIsolation();
  const { step, failed } = stepRecorder(options.stepTimeoutMs);
  let store: RunningStore | undefined;
  let db: Knex | undefined;

  beforeAll(async () => {
    db = database();
    store = await startStoreFor(isolation, db);
  }, options.startTimeoutMs ?? 90_000);

  afterAll(async () => {
    await options.beforeStop?.();
    await stopStoreFor(store, db, isolation, failed());
  }, options.stopTimeoutMs ?? 60_000);

  return {
    isolation,
    step,
    get store(): RunningStore {
      if (store === undefined)
        throw new Error('the store is not started (its beforeAll failed or is to come)');
      return store;
    },
    get db(): Knex {
      if (db === undefined)
        throw new Error('no database pool yet (the session beforeAll creates it)');
      return db;
    },
  };
}
