import { SandboxControlError } from './errors';
import { defaultFaultSettings } from './faults/fault-settings';
import { type RunningSandbox, startSandbox } from './sandbox';
import { eventually, isFetchFailure, propertyOf } from './testing/spec-helpers';

const token = 'spec-token';

function dataUrl(sandbox: RunningSandbox): string {
  return `${sandbox.providers.external.url}/external/data`;
}

function getData(sandbox: RunningSandbox, init: RequestInit = {}): Promise<Response> {
  return fetch(dataUrl(sandbox), { headers: { authorization: `Bearer ${token}` }, ...init });
}

async function statusesOf(sandbox: RunningSandbox, calls: number): Promise<number[]> {
  const statuses: number[] = [];
  for (let i = 0; i < calls; i += 1) {
    const response = await getData(sandbox);
    await response.arrayBuffer();
    statuses.push(response.status);
  }
  return statuses;
}

describe('sandbox', () => {
  let sandbox: RunningSandbox;

  beforeAll(async () => {
    sandbox = await startSandbox({ external: { token } });
  });
  afterEach(() => sandbox.controls.resetAll());
  afterAll(() => sandbox.close());

  describe('control plane', () => {
    it('answers /_health and lists providers on their own ports', async () => {
      const health = await fetch(`${sandbox.url}/_health`);
      expect(health.status).toBe(200);
      const providers = await sandbox.controls.providers();
      const { external, payment, smtp } = sandbox.providers;
      expect(providers).toEqual([external, payment, smtp]);
      expect(new Set([sandbox.port, external.port, payment.port, smtp.port]).size).toBe(4);
      expect(payment.url).toBe(`http://127.0.0.1:${payment.port}`);
      expect(smtp.url).toBe(`smtp://127.0.0.1:${smtp.port}`);
    });
  });

  describe('external data API', () => {
    it('serves the data with the bearer token, version increasing', async () => {
      const first = await getData(sandbox);
      expect(first.status).toBe(200);
      const body = (await first.json()) as {
        items: unknown[];
        generatedAt: string;
        version: number;
      };
      expect(body.items).toHaveLength(5);
      expect(Number.isNaN(Date.parse(body.generatedAt))).toBe(false);
      const second = (await (await getData(sandbox)).json()) as { version: number };
      expect(second.version).toBe(body.version + 1);
    });

    it('answers 401 without a token or with a wrong one', async () => {
      const missing = await fetch(dataUrl(sandbox));
      expect(missing.status).toBe(401);
      expect(missing.headers.get('www-authenticate')).toBe('Bearer');
      const wrong = await fetch(dataUrl(sandbox), { headers: { authorization: 'Bearer nope' } });
      expect(wrong.status).toBe(401);
    });
  });

  describe('error injection', () => {
    it('errorRate 1 answers 500 to every call, or the configured status', async () => {
      await sandbox.controls.setFaults('external', { errorRate: 1 });
      const response = await getData(sandbox);
      expect(response.status).toBe(500);
      expect(await response.json()).toEqual({ error: 'sandbox_injected_fault', status: 500 });
      expect(await statusesOf(sandbox, 2)).toEqual([500, 500]);
      await sandbox.controls.setFaults('external', { errorStatus: 503 });
      expect(await statusesOf(sandbox, 1)).toEqual([503]);
    });

    it('failNext n fails exactly n calls, then succeeds', async () => {
      await sandbox.controls.setFaults('external', { failNext: 2 });
      expect(await statusesOf(sandbox, 4)).toEqual([500, 500, 200, 200]);
    });

    it('errorPattern fails the marked calls cyclically', async () => {
      await sandbox.controls.setFaults('external', { errorPattern: 'x..' });
      expect(await statusesOf(sandbox, 6)).toEqual([500, 200, 200, 500, 200, 200]);
    });

    it('errorRate with a seed gives the same sequence every time', async () => {
      await sandbox.controls.setFaults('external', { errorRate: 0.5, seed: 42 });
      const first = await statusesOf(sandbox, 20);
      await sandbox.controls.setFaults('external', { seed: 42 });
      expect(await statusesOf(sandbox, 20)).toEqual(first);
      expect(first).toContain(500);
      expect(first).toContain(200);
    });

    it('injects faults before checking the token, as a failing provider would', async () => {
      await sandbox.controls.setFaults('external', { failNext: 1 });
      expect((await fetch(dataUrl(sandbox))).status).toBe(500);
    });
  });

  describe('latency', () => {
    it('adds latencyMs before the answer', async () => {
      const latencyMs = 150;
      await sandbox.controls.setFaults('external', { latencyMs });
      const started = performance.now();
      const response = await getData(sandbox);
      await response.arrayBuffer();
      const elapsed = performance.now() - started;
      expect(response.status).toBe(200);
      // 1 ms slack for timer granularity; the upper bound only catches a gross error.
      expect(elapsed).toBeGreaterThanOrEqual(latencyMs - 1);
      expect(elapsed).toBeLessThan(latencyMs + 2_000);
    });
  });

  describe('hang', () => {
    it('accepts the call and never answers: the client times out, counters show it unanswered', async () => {
      await sandbox.controls.setFaults('external', { hang: true });
      const outcome = await getData(sandbox, {
        headers: { authorization: `Bearer ${token}` },
        signal: AbortSignal.timeout(200),
      }).catch((error: unknown) => error);
      expect(propertyOf(outcome, 'name')).toBe('TimeoutError');
      const { counters } = await sandbox.controls.state('external');
      expect(counters).toMatchObject({ received: 1, answered: 0 });
      await eventually(
        async () => (await sandbox.controls.state('external')).counters.hangingNow === 0,
      );
    });

    it('reset drops held calls, and the provider answers again', async () => {
      await sandbox.controls.setFaults('external', { hang: true });
      const held = getData(sandbox).catch((error: unknown) => error);
      await eventually(
        async () => (await sandbox.controls.state('external')).counters.hangingNow === 1,
      );
      await sandbox.controls.reset('external');
      expect(isFetchFailure(await held)).toBe(true);
      expect(await statusesOf(sandbox, 1)).toEqual([200]);
    });
  });

  describe('control endpoint', () => {
    it('reports counters per status', async () => {
      await sandbox.controls.setFaults('external', { failNext: 1 });
      await statusesOf(sandbox, 3);
      await (await fetch(dataUrl(sandbox))).arrayBuffer();
      const { counters } = await sandbox.controls.state('external');
      expect(counters).toEqual({
        received: 4,
        answered: 4,
        hangingNow: 0,
        byStatus: { '200': 2, '401': 1, '500': 1 },
      });
    });

    it('reset clears faults and counters but keeps version increasing', async () => {
      await statusesOf(sandbox, 1);
      const before = await sandbox.controls.setFaults('external', { errorRate: 1, latencyMs: 5 });
      const after = await sandbox.controls.reset('external');
      expect(after.faults).toEqual(defaultFaultSettings);
      expect(after.counters).toEqual({ received: 0, answered: 0, hangingNow: 0, byStatus: {} });
      expect(after.state['version']).toBe(before.state['version']);
    });

    it('accepts POST as well as PUT and merges partial updates', async () => {
      const response = await fetch(`${sandbox.url}/_control/external`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ latencyMs: 1 }),
      });
      expect(response.status).toBe(200);
      const state = await sandbox.controls.setFaults('external', { failNext: 3 });
      expect(state.faults).toMatchObject({ latencyMs: 1, failNext: 3 });
    });

    it.each([
      [JSON.stringify({ errorRate: 2 }), 'errorRate'],
      [JSON.stringify({ latency: 5 }), 'latency'],
      [JSON.stringify([]), 'body'],
      ['{not json', 'body'],
    ])('rejects %s with 400 naming %s', async (body, field) => {
      const response = await fetch(`${sandbox.url}/_control/external`, {
        method: 'PUT',
        headers: { 'content-type': 'application/json' },
        body,
      });
      expect(response.status).toBe(400);
      const payload = (await response.json()) as Record<string, unknown>;
      expect(payload).toMatchObject({ code: 'INVALID_CONTROL', field });
      expect(typeof payload['reason']).toBe('string');
      expect((await sandbox.controls.state('external')).faults).toEqual(defaultFaultSettings);
    });

    it('the typed client surfaces a rejection as SandboxControlError with the field', async () => {
      const rejection = await sandbox.controls
        .setFaults('external', { errorRate: -1 })
        .catch((error: unknown) => error);
      expect(rejection).toBeInstanceOf(SandboxControlError);
      expect(rejection).toMatchObject({ status: 400, field: 'errorRate' });
    });

    it('answers 404 for an unknown provider', async () => {
      const response = await fetch(`${sandbox.url}/_control/nope`);
      expect(response.status).toBe(404);
      expect(await response.json()).toMatchObject({ code: 'UNKNOWN_PROVIDER' });
    });

    it('answers 404 for a view the provider does not offer', async () => {
      const response = await fetch(`${sandbox.url}/_control/external/charges`);
      expect(response.status).toBe(404);
      expect(await response.json()).toMatchObject({ code: 'UNKNOWN_VIEW' });
    });

    it('rejects a setting of another provider on external', async () => {
      const rejection = await sandbox.controls
        .setFaults('external', { respondDelayMs: 10 })
        .catch((error: unknown) => error);
      expect(rejection).toMatchObject({ status: 400, field: 'respondDelayMs' });
    });
  });
});

describe('sandbox provider down', () => {
  // A sandbox of its own: no keep-alive connection to the provider exists before `down`.
  let sandbox: RunningSandbox;

  beforeAll(async () => {
    sandbox = await startSandbox({ external: { token } });
  });
  afterAll(() => sandbox.close());

  it('refuses connections while down (ECONNREFUSED), serves again once up', async () => {
    const downState = await sandbox.controls.setFaults('external', { down: true });
    expect(downState.up).toBe(false);
    const refused = await getData(sandbox).catch((error: unknown) => error);
    expect(isFetchFailure(refused)).toBe(true);
    expect(propertyOf(propertyOf(refused, 'cause'), 'code')).toBe('ECONNREFUSED');

    const upState = await sandbox.controls.setFaults('external', { down: false });
    expect(upState.up).toBe(true);
    expect(upState.url).toBe(downState.url);
    expect(await statusesOf(sandbox, 1)).toEqual([200]);
  });
});

describe('sandbox close', () => {
  it('is bounded with a hung call and a delayed call in flight', async () => {
    const sandbox = await startSandbox({ external: { token } });
    await sandbox.controls.setFaults('external', { hang: true });
    const hung = getData(sandbox).catch((error: unknown) => error);
    await eventually(
      async () => (await sandbox.controls.state('external')).counters.hangingNow === 1,
    );
    await sandbox.controls.setFaults('external', { hang: false, latencyMs: 60_000 });
    const delayed = getData(sandbox).catch((error: unknown) => error);
    await eventually(
      async () => (await sandbox.controls.state('external')).counters.received === 2,
    );

    const started = performance.now();
    await sandbox.close();
    expect(performance.now() - started).toBeLessThan(1_000);
    expect(isFetchFailure(await delayed)).toBe(true);
    expect(await sandbox.controls.isHealthy()).toBe(false);
    await sandbox.close();
    // The hung call was released by `hang: false` before the close.
    expect(isFetchFailure(await hung)).toBe(true);
  });
});
