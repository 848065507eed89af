import type { DeadLetterEntry } from '@gaara/messaging';
import { redactEmails, redactMessageText } from './redact-pii';

/** A dead letter as the admin listing shows it: value, key and headers without personal data. */
export function redactDeadLetter(entry: DeadLetterEntry): DeadLetterEntry {
  return {
    ...entry,
    key: entry.key === undefined ? undefined : redactEmails(entry.key),
    value: redactMessageText(entry.value),
    headers: Object.fromEntries(
      Object.entries(entry.headers).map(([name, value]) => [name, redactEmails(value)]),
    ),
  };
}
