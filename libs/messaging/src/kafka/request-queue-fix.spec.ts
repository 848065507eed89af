import { fixRequestQueueIdleTimer, kafkaRequestQueue } from './request-queue-fix';

interface QueueInternals {
  pending: unknown[];
  throttleCheckTimeoutId: NodeJS.Timeout | null;
  scheduleCheckPendingRequests(): void;
  checkPendingRequests(): void;
  push(request: unknown): void;
  destroy(): void;
}

const RequestQueue = require('kafkajs/src/network/requestQueue') as new (
  options: Record<string, unknown>,
) => QueueInternals;

const silent = {
  debug: () => undefined,
  info: () => undefined,
  warn: () => undefined,
  error: () => undefined,
  namespace: () => silent,
};

function newQueue(): QueueInternals {
  return new RequestQueue({
    instrumentationEmitter: { emit: () => undefined },
    maxInFlightRequests: 1,
    requestTimeout: 30_000,
    enforceRequestTimeout: false,
    clientId: 'spec',
    broker: '127.0.0.1:1',
    logger: silent,
    isConnected: () => true,
  });
}

describe('fixRequestQueueIdleTimer', () => {
  beforeAll(() => fixRequestQueueIdleTimer());

  it('patches the installed kafkajs RequestQueue once', () => {
    const method = kafkaRequestQueue.prototype.scheduleCheckPendingRequests;
    fixRequestQueueIdleTimer();
    expect(kafkaRequestQueue.prototype.scheduleCheckPendingRequests).toBe(method);
  });

  it('arms no timer when nothing is pending (kafkajs re-armed a 1 ms timer for ever)', () => {
    const queue = newQueue();
    queue.checkPendingRequests();
    expect(queue.throttleCheckTimeoutId).toBeNull();
    queue.destroy();
  });

  it('still checks a pending request later: the second request is sent once the first is answered', () => {
    const queue = newQueue();
    const sent: number[] = [];
    const request = (correlationId: number) => ({
      entry: { correlationId, resolve: () => undefined, reject: () => undefined },
      expectResponse: true,
      sendRequest: () => sent.push(correlationId),
    });
    queue.push(request(1));
    queue.push(request(2)); // in-flight limit 1: waits in pending, with a check scheduled
    expect(sent).toEqual([1]);
    expect(queue.pending).toHaveLength(1);
    expect(queue.throttleCheckTimeoutId).not.toBeNull();
    (queue as unknown as { fulfillRequest(r: object): void }).fulfillRequest({
      correlationId: 1,
      payload: Buffer.alloc(0),
      size: 0,
    });
    expect(sent).toEqual([1, 2]);
    queue.destroy();
  });

  it('leaves a class without the method alone', () => {
    const proto = {} as { scheduleCheckPendingRequests?: unknown };
    fixRequestQueueIdleTimer({ prototype: proto } as never);
    expect(proto.scheduleCheckPendingRequests).toBeUndefined();
  });
});
