/** An outbox row as the relay claims it. */
export interface OutboxRow {
  readonly id: string | number;
  readonly topic: string;
  readonly key: string | null;
  readonly value: string;
  /** jsonb, parsed by the driver; a string when it holds a JSON string (text of an object, or garbage). */
  readonly headers: unknown;
}

/** A row checked to be publishable: headers are an object of strings. */
export interface ValidOutboxRow {
  readonly id: string | number;
  readonly topic: string;
  readonly key: string | null;
  readonly value: string;
  readonly headers: Record<string, string>;
}

/** Kafka's own rule for topic names (kafka.common.internals.Topic): 1–249 of [a-zA-Z0-9._-], not "." or "..". */
const LEGAL_TOPIC = /^[a-zA-Z0-9._-]{1,249}$/;

/** The row ready to publish, or why the row itself can never be published (quarantine reason). */
export function validateOutboxRow(row: OutboxRow): ValidOutboxRow | { readonly invalid: string } {
  if (typeof row.topic !== 'string' || !LEGAL_TOPIC.test(row.topic) || /^\.\.?$/.test(row.topic)) {
    return { invalid: `invalid topic name ${JSON.stringify(String(row.topic)).slice(0, 300)}` };
  }
  if (typeof row.value !== 'string') return { invalid: 'value is not text' };
  if (row.key !== null && typeof row.key !== 'string') return { invalid: 'key is not text' };
  const headers = parseHeaders(row.headers);
  if (typeof headers === 'string') return { invalid: headers };
  return { id: row.id, topic: row.topic, key: row.key, value: row.value, headers };
}

/** The stored headers as an object of strings, or the reason they are not one. */
function parseHeaders(stored: unknown): Record<string, string> | string {
  if (stored === null || stored === undefined) return {};
  let parsed: unknown = stored;
  if (typeof stored === 'string') {
    try {
      parsed = JSON.parse(stored);
    } catch {
      return 'headers are not JSON';
    }
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    return 'headers are not a JSON object';
  }
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(parsed)) {
    if (typeof value !== 'string') {
      return `header ${JSON.stringify(name).slice(0, 100)} is not a string`;
    }
    headers[name] = value;
  }
  return headers;
}
