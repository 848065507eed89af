// A store session whose specs drive the sandbox (payment provider, SMTP sink), reset after every test.
import { SandboxControlClient } from '@gaara/sandbox';
import { storeSession, type StoreSession, type StoreSessionOptions } from './store-session';

/** A {@link StoreSession} with its gateway's URL and the sandbox's control client. */
export interface SandboxSession extends StoreSession {
  /** Base URL of the store's gateway, from the session's beforeAll on. */
  readonly gw: string;
  /** Control client of the store's sandbox, from the session's beforeAll on. */
  readonly sandbox: SandboxControlClient;
}

/** Registers {@link storeSession}'s hooks, a beforeAll making the sandbox client and an afterEach resetting it. */
export function sandboxSession(options: StoreSessionOptions): SandboxSession {
  const session = storeSession(options);
  let sandbox: SandboxControlClient | undefined;
  beforeAll(() => {
    sandbox = new SandboxControlClient(session.store.sandboxUrl, { timeoutMs: 3000 });
  });
  afterEach(async () => {
    await sandbox?.resetAll();
  });
  return {
    isolation: session.isolation,
    step: session.step,
    get store() {
      return session.store;
    },
    get db() {
      return session.db;
    },
    get gw() {
      return session.store.gatewayUrl;
    },
    get sandbox(): SandboxControlClient {
      if (sandbox === undefined)
        throw new Error('no sandbox client yet (the session beforeAll makes it)');
      return sandbox;
    },
  };
}
