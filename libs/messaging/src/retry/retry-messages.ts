import type { ConsumedMessage } from '../consumers/consumed-message';
import { describeError } from '../kafka/error-description';
import type { OutgoingMessage } from '../kafka/publisher';
import { messageHeaders, type RetryMetadata } from './retry-headers';
import type { RetryTier } from './retry-topology';
import { withActiveTraceContext } from '../kafka/trace-context';

/** A tier message's headers read: its type and retry state, or why it is poison. */
export type ParsedTierMessage =
  | { readonly ok: true; readonly type: string; readonly metadata: RetryMetadata }
  | { readonly ok: false; readonly reason: string };

const WHOLE_NUMBER = /^\d{1,16}$/;

/** Reads the retry headers; anything missing or malformed makes the message poison. */
export function parseTierMessage(
  headers: Readonly<Record<string, string>>,
  knownTypes: ReadonlySet<string>,
): ParsedTierMessage {
  const type = headers[messageHeaders.type];
  if (type === undefined || type === '') {
    return { ok: false, reason: `poison: missing header ${messageHeaders.type}` };
  }
  if (!knownTypes.has(type)) return { ok: false, reason: `poison: unknown type ${type}` };
  const dueAt = headers[messageHeaders.dueAt];
  if (dueAt === undefined || !WHOLE_NUMBER.test(dueAt)) {
    return { ok: false, reason: `poison: missing or malformed header ${messageHeaders.dueAt}` };
  }
  const attempt = headers[messageHeaders.attempt];
  if (attempt === undefined || !WHOLE_NUMBER.test(attempt)) {
    return { ok: false, reason: `poison: missing or malformed header ${messageHeaders.attempt}` };
  }
  const deferrals = headers[messageHeaders.deferrals] ?? '0';
  if (!WHOLE_NUMBER.test(deferrals)) {
    return { ok: false, reason: `poison: malformed header ${messageHeaders.deferrals}` };
  }
  const originalTopic = headers[messageHeaders.originalTopic];
  if (originalTopic === undefined || originalTopic === '') {
    return { ok: false, reason: `poison: missing header ${messageHeaders.originalTopic}` };
  }
  return {
    ok: true,
    type,
    metadata: {
      attempt: Number(attempt),
      originalTopic,
      firstFailureAt: headers[messageHeaders.firstFailureAt] ?? '',
      lastErrorClass: headers[messageHeaders.lastErrorClass] ?? '',
      lastErrorMessage: headers[messageHeaders.lastErrorMessage] ?? '',
      dueAt: Number(dueAt),
      deferrals: Number(deferrals),
    },
  };
}

function outgoing(message: ConsumedMessage, headers: Record<string, string>): OutgoingMessage {
  // Called inside the processing span: the next hop continues the same trace.
  const traced = withActiveTraceContext(headers);
  return message.key === undefined
    ? { value: message.value, headers: traced }
    : { key: message.key, value: message.value, headers: traced };
}

/** The message moving a failed item to `next`: attempt + 1, due after the next tier's delay. */
export function nextTierMessage(
  message: ConsumedMessage,
  metadata: RetryMetadata,
  next: RetryTier,
  error: unknown,
  now: number,
): OutgoingMessage {
  const described = describeError(error);
  return outgoing(message, {
    ...message.headers,
    [messageHeaders.attempt]: String(metadata.attempt + 1),
    [messageHeaders.firstFailureAt]:
      metadata.firstFailureAt === '' ? new Date(now).toISOString() : metadata.firstFailureAt,
    [messageHeaders.lastErrorClass]: described.errorClass,
    [messageHeaders.lastErrorMessage]: described.message,
    [messageHeaders.dueAt]: String(now + next.delayMs),
    [messageHeaders.tier]: next.label,
  });
}

/**
 * The same item put back on the SAME tier after a 'defer': attempt and tier unchanged, due at `dueAt`,
 * gaara-deferrals + 1, and the first-failure time set when it was missing (the deferral budget counts from it).
 */
export function deferredMessage(
  message: ConsumedMessage,
  metadata: RetryMetadata,
  dueAt: number,
  now: number,
): OutgoingMessage {
  return outgoing(message, {
    ...message.headers,
    [messageHeaders.firstFailureAt]:
      metadata.firstFailureAt === '' ? new Date(now).toISOString() : metadata.firstFailureAt,
    [messageHeaders.dueAt]: String(dueAt),
    [messageHeaders.deferrals]: String(metadata.deferrals + 1),
  });
}

/** The dead-letter entry for a message, keeping its headers and adding the reason (and the last error, if any). */
export function deadLetterMessage(
  message: ConsumedMessage,
  reason: string,
  now: number,
  failure?: { readonly attempt: number; readonly error: unknown },
): OutgoingMessage {
  const headers: Record<string, string> = {
    ...message.headers,
    [messageHeaders.originalTopic]: message.headers[messageHeaders.originalTopic] ?? message.topic,
    [messageHeaders.deadLetterReason]: reason,
    [messageHeaders.deadLetteredAt]: new Date(now).toISOString(),
  };
  if (failure !== undefined) {
    const described = describeError(failure.error);
    headers[messageHeaders.attempt] = String(failure.attempt);
    headers[messageHeaders.lastErrorClass] = described.errorClass;
    headers[messageHeaders.lastErrorMessage] = described.message;
    if ((headers[messageHeaders.firstFailureAt] ?? '') === '') {
      headers[messageHeaders.firstFailureAt] = new Date(now).toISOString();
    }
  }
  return outgoing(message, headers);
}

/** A dead-letter entry put back on the first tier: attempt 0, due after its delay, replay time noted. */
export function replayMessage(
  message: ConsumedMessage,
  first: RetryTier,
  now: number,
): OutgoingMessage {
  const headers: Record<string, string> = { ...message.headers };
  delete headers[messageHeaders.deadLetterReason];
  delete headers[messageHeaders.deadLetteredAt];
  return outgoing(message, {
    ...headers,
    [messageHeaders.attempt]: '0',
    [messageHeaders.dueAt]: String(now + first.delayMs),
    [messageHeaders.tier]: first.label,
    [messageHeaders.replayedAt]: new Date(now).toISOString(),
  });
}
