import { create, type MessageInitShape } from '@bufbuild/protobuf';
import { timestampFromMs } from '@bufbuild/protobuf/wkt';
import { breakerAdminV1, commonV1 } from '@gaara/contracts';
import { NotFoundError, UnavailableError } from '@gaara/grpc';
import { BreakerRegistry, createPolicy, UnknownBreakerError } from '@gaara/resilience';
import { BreakerBoard, type BreakerAdminClient } from './breaker-board';

const snapshot = (
  name: string,
  fields: MessageInitShape<typeof breakerAdminV1.BreakerSnapshotSchema> = {},
) => {
  const message = create(breakerAdminV1.BreakerSnapshotSchema, fields);
  message.name = name;
  if (fields.state === undefined) message.state = commonV1.BreakerState.CLOSED;
  return message;
};

/** A process's BreakerAdminService in memory: its breakers by name, and the calls it got. */
function fakeProcess(breakers: breakerAdminV1.BreakerSnapshot[]): BreakerAdminClient & {
  calls: string[];
} {
  const calls: string[] = [];
  const act = (isolated: boolean) => async (request: { name: string; cause: string }) => {
    calls.push(`${isolated ? 'isolate' : 'reset'} ${request.name}: ${request.cause}`);
    const found = breakers.find((b) => b.name === request.name);
    if (found === undefined) throw new NotFoundError(`no breaker ${request.name}`);
    const state = isolated ? commonV1.BreakerState.OPEN : commonV1.BreakerState.CLOSED;
    return create(breakerAdminV1.IsolateBreakerResponseSchema, {
      breaker: { ...found, state, isolated, lastTransitionCause: request.cause },
    });
  };
  return {
    calls,
    listBreakers: async () => create(breakerAdminV1.ListBreakersResponseSchema, { breakers }),
    isolateBreaker: act(true),
    resetBreaker: act(false),
    // The fake answers the three calls the board makes; the client's call-option overloads are not needed.
  } as unknown as BreakerAdminClient & { calls: string[] };
}

function board(processes: Record<string, BreakerAdminClient>) {
  const registry = new BreakerRegistry();
  const logged: { obj: object; msg: string }[] = [];
  const logger = {
    info: () => undefined,
    warn: (obj: object, msg: string) => void logged.push({ obj, msg }),
    error: () => undefined,
  };
  createPolicy('catalog', {}, { registry });
  const subject = new BreakerBoard({
    registry,
    processes,
    logger,
    now: () => Date.UTC(2026, 11, 2, 8, 0, 0),
  });
  return { subject, logged };
}

describe('BreakerBoard', () => {
  it("lists the gateway's breakers and every process's, all with counts and actions", async () => {
    const invoice = fakeProcess([
      snapshot('catalog', {
        state: commonV1.BreakerState.OPEN,
        successes: 2,
        failures: 6,
        lastTransitionAt: timestampFromMs(Date.UTC(2026, 11, 2, 7, 59, 0)),
        lastTransitionCause: 'failure rate 0.75 over 8 calls',
      }),
    ]);
    const payment = fakeProcess([
      snapshot('payment', { isolated: true, state: commonV1.BreakerState.OPEN }),
    ]);
    const { subject } = board({ invoice, payment });
    const answer = await subject.list();
    expect(answer.breakers.map((b) => `${b.process}/${b.name}:${b.state}:${b.actions}`)).toEqual([
      'gateway/catalog:closed:true',
      'invoice/catalog:open:true',
      'payment/payment:isolated:true',
    ]);
    expect(answer.breakers[1]).toMatchObject({
      calls: 8,
      failures: 6,
      failureRate: 0.75,
      lastTransitionAt: '2026-12-02T07:59:00.000Z',
      lastTransitionCause: 'failure rate 0.75 over 8 calls',
    });
    expect(answer.sources.map((s) => `${s.process}:${s.status}`)).toEqual([
      'gateway:ok',
      'invoice:ok',
      'payment:ok',
    ]);
  });

  it('still lists the others when one process does not answer, and says which', async () => {
    const down: BreakerAdminClient = {
      ...fakeProcess([]),
      listBreakers: () => Promise.reject(new UnavailableError('connection refused')),
    };
    const { subject } = board({ notification: down, payment: fakeProcess([snapshot('payment')]) });
    const answer = await subject.list();
    expect(answer.breakers.map((b) => `${b.process}/${b.name}`)).toEqual([
      'gateway/catalog',
      'payment/payment',
    ]);
    expect(answer.sources).toContainEqual(
      expect.objectContaining({ process: 'notification', status: 'unavailable' }),
    );
  });

  it('isolates and resets its own breakers, with an audit line each; refuses unknown names', async () => {
    const { subject, logged } = board({});
    await expect(subject.act('isolate', 'catalog', 'req-1')).resolves.toMatchObject({
      state: 'isolated',
      lastTransitionCause: 'isolated by an operator',
    });
    expect((await subject.act('reset', 'catalog', 'req-2')).state).toBe('closed');
    expect(logged.map((line) => line.msg)).toEqual([
      'admin: breaker catalog isolated',
      'admin: breaker catalog reset',
    ]);
    expect(logged[0]?.obj).toEqual({
      audit: {
        who: 'admin token (valid)',
        action: 'breaker.isolate',
        process: 'gateway',
        breaker: 'catalog',
        state: 'isolated',
        at: '2026-12-02T08:00:00.000Z',
        requestId: 'req-1',
      },
    });
    await expect(subject.act('reset', 'nope', 'req-3')).rejects.toThrow(UnknownBreakerError);
  });

  it("isolates and resets another process's breaker through its admin service, audited", async () => {
    const payment = fakeProcess([snapshot('payment')]);
    const { subject, logged } = board({ payment });
    await expect(subject.act('isolate', 'payment', 'req-4', 'payment')).resolves.toMatchObject({
      process: 'payment',
      state: 'isolated',
    });
    await expect(subject.act('reset', 'payment', 'req-5', 'payment')).resolves.toMatchObject({
      state: 'closed',
    });
    expect(payment.calls).toEqual([
      'isolate payment: isolated by an operator',
      'reset payment: reset by an operator',
    ]);
    expect(logged.map((line) => line.msg)).toEqual([
      'admin: breaker payment/payment isolated',
      'admin: breaker payment/payment reset',
    ]);
    await expect(subject.act('reset', 'nope', 'req-6', 'payment')).rejects.toThrow(
      UnknownBreakerError,
    );
    await expect(subject.act('reset', 'payment', 'req-7', 'nowhere')).rejects.toThrow(
      UnknownBreakerError,
    );
  });
});
