import { create } from '@bufbuild/protobuf';
import { aggregatorV1, commonV1 } from '@gaara/contracts';
import { BreakerRegistry, createPolicy, UnknownBreakerError } from '@gaara/resilience';
import { BreakerBoard } from './breaker-board';

const { DependencyKind, DependencyStatus } = aggregatorV1;

function breakerEntry(name: string, state: commonV1.BreakerState, detail = '') {
  return create(aggregatorV1.DependencySchema, {
    name,
    kind: DependencyKind.BREAKER,
    status: DependencyStatus.HEALTHY,
    breakerState: state,
    detail,
  });
}

function board(getHealth: () => Promise<aggregatorV1.GetHealthResponse>) {
  const registry = new BreakerRegistry();
  const logged: { obj: object; msg: string }[] = [];
  const logger = {
    info: () => undefined,
    warn: (obj: object, msg: string) => void logged.push({ obj, msg }),
    error: () => undefined,
  };
  createPolicy('catalog', {}, { registry });
  const aggregatorPolicy = createPolicy('aggregator', { retry: { maxAttempts: 1 } }, { registry });
  const subject = new BreakerBoard({
    registry,
    aggregator: { getHealth },
    aggregatorPolicy,
    logger,
    now: () => Date.UTC(2026, 11, 2, 8, 0, 0),
  });
  return { subject, logged };
}

describe('BreakerBoard', () => {
  it("lists the gateway's breakers with counts, and the others' read-only by process", async () => {
    const { subject } = board(async () =>
      create(aggregatorV1.GetHealthResponseSchema, {
        report: {
          dependencies: [
            breakerEntry('breaker:catalog', commonV1.BreakerState.OPEN, 'breaker open'),
            breakerEntry('breaker:payment', commonV1.BreakerState.CLOSED),
            breakerEntry('breaker:email', commonV1.BreakerState.HALF_OPEN),
            create(aggregatorV1.DependencySchema, {
              name: 'kafka',
              kind: DependencyKind.KAFKA,
            }),
          ],
        },
      }),
    );
    const answer = await subject.list();
    expect(answer.breakers.map((b) => `${b.process}/${b.name}:${b.state}:${b.actions}`)).toEqual([
      'gateway/aggregator:closed:true',
      'gateway/catalog:closed:true',
      'aggregator/catalog:open:false',
      'payment/payment:closed:false',
      'notification/email:half-open:false',
    ]);
    expect(answer.breakers[1]).toMatchObject({ calls: 0, failures: 0, failureRate: null });
    expect(answer.breakers[2]).toMatchObject({ calls: null, detail: 'breaker open' });
    expect(answer.sources.map((s) => `${s.process}:${s.status}`)).toEqual([
      'gateway:ok',
      'aggregator:ok',
      'notification:ok',
      'payment:ok',
    ]);
  });

  it("still lists the gateway's own when the aggregator does not answer, and says so", async () => {
    const { subject } = board(() => Promise.reject(new Error('connection refused')));
    const answer = await subject.list();
    expect(answer.breakers.every((b) => b.process === 'gateway')).toBe(true);
    expect(answer.sources).toContainEqual(
      expect.objectContaining({ process: 'aggregator', status: 'unavailable' }),
    );
  });

  it('isolates and resets its own breakers, with an audit line each; refuses unknown names', () => {
    const { subject, logged } = board(() => Promise.reject(new Error('unused')));
    expect(subject.act('isolate', 'catalog', 'req-1')).toMatchObject({
      state: 'isolated',
      lastTransitionCause: 'isolated by an operator',
    });
    expect(subject.act('reset', 'catalog', 'req-2').state).toBe('closed');
    expect(logged.map((line) => line.msg)).toEqual([
      'admin: breaker catalog isolated',
      'admin: breaker catalog reset',
    ]);
    expect(logged[0]?.obj).toEqual({
      audit: {
        who: 'admin token (valid)',
        action: 'breaker.isolate',
        breaker: 'catalog',
        state: 'isolated',
        at: '2026-12-02T08:00:00.000Z',
        requestId: 'req-1',
      },
    });
    expect(() => subject.act('reset', 'nope', 'req-3')).toThrow(UnknownBreakerError);
  });
});
