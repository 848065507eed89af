// kafkajs 2.2.4's RequestQueue re-arms its throttle-check timer after every answer even when nothing waits:
// with no throttle `throttledUntil - Date.now()` is negative, Node clamps it to 1 ms (TimeoutNegativeWarning on
// Node 24), and the callback re-arms it again — every broker connection of every producer, consumer and admin
// then wakes its process 1,000 times a second for ever, busy or idle (issue #10: the idle CPU of payment,
// notification, invoice and catalog). A check is only needed while requests wait in `pending`; `push` schedules
// one whenever it enqueues, so skipping the empty case changes no delivery, throttling or in-flight limit.
const RequestQueue = require('kafkajs/src/network/requestQueue') as RequestQueueClass;

/** The part of kafkajs's internal RequestQueue this fix touches. */
export interface RequestQueueLike {
  pending: unknown[];
  scheduleCheckPendingRequests(): void;
}

interface RequestQueueClass {
  prototype: RequestQueueLike & { [patched]?: true };
}

const patched = Symbol.for('gaara.kafkajs.requestQueue.noIdleTimer');

/** Patches kafkajs's RequestQueue (once per process): no throttle-check timer while nothing is pending. */
export function fixRequestQueueIdleTimer(target: RequestQueueClass = RequestQueue): void {
  const proto = target.prototype;
  if (proto[patched]) return;
  const schedule = proto.scheduleCheckPendingRequests;
  if (typeof schedule !== 'function') return; // another kafkajs shape: leave it alone
  proto.scheduleCheckPendingRequests = function scheduleWhenPending(this: RequestQueueLike): void {
    if (this.pending.length === 0) return;
    schedule.call(this);
  };
  proto[patched] = true;
}

/** The RequestQueue class of the installed kafkajs (for tests). */
export const kafkaRequestQueue: RequestQueueClass = RequestQueue;
