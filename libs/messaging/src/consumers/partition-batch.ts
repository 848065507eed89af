import type { ConsumedMessage } from './consumed-message';
import { describeError } from '../kafka/error-description';

/** What to do after processing one message. */
export type MessageStep =
  /**
   * Processed (and anything it published is acknowledged): its offset may be committed. `followUpAt` (epoch ms):
   * it appended a message to this same partition due then, so look again by that time even when paused.
   */
  | { readonly kind: 'commit'; readonly followUpAt?: number }
  /** Not yet: deliver this same message again at `untilMs` (epoch ms); later messages wait behind it. */
  | { readonly kind: 'wait'; readonly untilMs: number }
  /** Shutting down: leave the offset uncommitted so the message is redelivered. */
  | { readonly kind: 'leave' };

/** Thrown out of eachBatch so kafkajs treats a processing failure as retriable (redeliver, never give up). */
export class MessageProcessingError extends Error {
  /** Stable code callers branch on. */
  public readonly code = 'MESSAGING_PROCESSING_FAILED';
  /** Read by kafkajs's retrier: a retriable error is retried and, when retries run out, the consumer restarts. */
  public readonly retriable = true;

  constructor(message: ConsumedMessage, cause: unknown) {
    super(
      `processing ${message.topic}[${message.partition}]@${message.offset} failed: ${describeError(cause).message}`,
      { cause },
    );
    this.name = 'MessageProcessingError';
  }
}

/** How a batch ended (a processing failure is thrown instead). */
export type BatchEnd =
  /** Every message processed and resolved. */
  | { readonly kind: 'finished' }
  /** Stopping, stale or rebalancing: unresolved messages are redelivered. */
  | { readonly kind: 'halted' }
  /** Nothing runnable before `untilMs` (epoch ms): pause the partition until then. */
  | { readonly kind: 'pause'; readonly untilMs: number }
  /** A follow-up outside this batch is due soon: return so kafkajs fetches again from the resolved offset. */
  | { readonly kind: 'refetch' };

/** The partition-side operations and settings {@link runBatch} works with. */
export interface BatchRun {
  readonly messages: readonly ConsumedMessage[];
  /** Messages processed at once, at least 1; never two with the same key. */
  readonly concurrency: number;
  /** Waits up to this long (ms) are slept here instead of pausing. */
  readonly inlineWaitMs: number;
  /** Longest stretch (ms) without a heartbeat/commit check while handlers run. */
  readonly tickMs: number;
  readonly signal: AbortSignal;
  /** When given, messages not due yet are skipped (not blocking later due ones); undefined = due now. */
  notBefore?(message: ConsumedMessage): number | undefined;
  process(message: ConsumedMessage, signal: AbortSignal): Promise<MessageStep>;
  /** True once the batch must not start anything more (stopping, stale, not running). */
  halted(): boolean;
  /** Whether this offset was processed by an earlier batch already (it is then not processed again). */
  wasProcessed(offset: string): boolean;
  /** The contiguous processed prefix grew by this offset: it may be committed. */
  resolve(offset: string): void;
  /** Processed but not resolvable yet (an earlier message is not): remembered for the refetch. */
  remember(offset: string): void;
  /** Commit resolved offsets if due, heartbeat if due. */
  tick(): Promise<void>;
  sleep(ms: number): Promise<void>;
}

type SlotState = 'idle' | 'running' | 'done';

interface Slot {
  readonly index: number;
  readonly message: ConsumedMessage;
  state: SlotState;
}

/**
 * Processes one fetched batch of one partition: up to `concurrency` due messages at a time (same key: one
 * after the other, in offset order), resolving only the contiguous processed prefix, so an offset is never
 * committed before its message and every earlier one were processed. A 'wait' step stops everything after
 * it; with `notBefore`, a not-yet-due message is skipped and later due ones still run.
 */
export async function runBatch(run: BatchRun): Promise<BatchEnd> {
  const slots: Slot[] = run.messages.map((message, index) => ({
    index,
    message,
    state: run.wasProcessed(message.offset) ? 'done' : 'idle',
  }));
  const running = new Set<Promise<void>>();
  let head = 0;
  let failure: { readonly slot: Slot; readonly error: unknown } | undefined;
  let tickError: { readonly error: unknown } | undefined;
  let leaving = false;
  let waiting: { readonly index: number; readonly untilMs: number } | undefined;
  let followUpAt = Number.POSITIVE_INFINITY;

  const launch = (slot: Slot): void => {
    const index = slot.index;
    slot.state = 'running';
    const task: Promise<void> = run.process(slot.message, run.signal).then(
      (step) => {
        if (step.kind === 'commit') {
          slot.state = 'done';
          if (step.followUpAt !== undefined) followUpAt = Math.min(followUpAt, step.followUpAt);
          return;
        }
        slot.state = 'idle';
        if (step.kind === 'leave') leaving = true;
        else if (waiting === undefined || index < waiting.index) {
          waiting = { index, untilMs: step.untilMs };
        }
      },
      (error: unknown) => {
        slot.state = 'idle';
        if (failure === undefined || index < failure.slot.index) failure = { slot, error };
      },
    );
    running.add(task);
    void task.finally(() => running.delete(task));
  };

  /** Starts what may start; returns the earliest due time of a skipped not-yet-due message. */
  const launchRunnable = (): number => {
    let earliest = Number.POSITIVE_INFINITY;
    const now = Date.now();
    const busyKeys = new Set<string>();
    const limit = waiting?.index ?? slots.length;
    for (const slot of slots.slice(head, limit)) {
      if (running.size >= run.concurrency) break;
      if (slot.state === 'done') continue;
      const key = slot.message.key;
      if (key !== undefined && busyKeys.has(key)) continue;
      if (key !== undefined) busyKeys.add(key);
      if (slot.state === 'running') continue;
      const due = run.notBefore?.(slot.message);
      if (due !== undefined && due > now) {
        earliest = Math.min(earliest, due);
        continue;
      }
      launch(slot);
    }
    return earliest;
  };

  const rememberProcessed = (): void => {
    for (const slot of slots.slice(head)) {
      if (slot.state === 'done') run.remember(slot.message.offset);
    }
  };

  for (;;) {
    for (let slot = slots[head]; slot?.state === 'done'; slot = slots[head]) {
      run.resolve(slot.message.offset);
      head++;
    }
    if (head === slots.length && running.size === 0) return { kind: 'finished' };
    const stopped = failure !== undefined || tickError !== undefined || leaving || run.halted();
    const earliest = stopped ? Number.POSITIVE_INFINITY : launchRunnable();
    if (running.size > 0) {
      await settledOrTimeout([...running], run.tickMs);
      // A commit/heartbeat error (e.g. a rebalance) is rethrown once the handlers in flight finished.
      await run.tick().catch((error: unknown) => {
        tickError ??= { error };
      });
      continue;
    }
    rememberProcessed();
    if (tickError !== undefined) throw tickError.error;
    if (failure !== undefined) {
      throw new MessageProcessingError(failure.slot.message, failure.error);
    }
    if (leaving || run.halted()) return { kind: 'halted' };
    const target = Math.min(waiting?.untilMs ?? Number.POSITIVE_INFINITY, earliest);
    const wakeAt = Math.min(target, followUpAt);
    if (!Number.isFinite(wakeAt)) return { kind: 'halted' }; // unreachable: something is always pending here
    if (wakeAt - Date.now() > run.inlineWaitMs) return { kind: 'pause', untilMs: wakeAt };
    if (followUpAt < target) return { kind: 'refetch' };
    await run.sleep(wakeAt - Date.now());
    await run.tick();
    waiting = undefined;
  }
}

/** Resolves once one of `tasks` settles or `ms` passed; not abortable, so stopping never makes it spin. */
async function settledOrTimeout(tasks: readonly Promise<void>[], ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      ...tasks,
      new Promise<void>((resolve) => {
        timer = setTimeout(resolve, ms);
      }),
    ]);
  } finally {
    clearTimeout(timer);
  }
}
