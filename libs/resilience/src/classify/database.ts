import {
  classifyPolicyError,
  isTransientSocketError,
  readProperty,
  type Classification,
} from './classification';

/** SQLSTATEs (outside class 08) after which the same statement can succeed on a new attempt. */
const transientSqlStates: ReadonlySet<string> = new Set([
  '40001', // serialization_failure
  '40P01', // deadlock_detected
  '57P01', // admin_shutdown
  '57P02', // crash_shutdown
  '57P03', // cannot_connect_now
  '53300', // too_many_connections
]);

/** SQLSTATE classes that mean the statement or data is wrong: syntax, constraints, data, privileges. */
const callerSqlClasses: ReadonlySet<string> = new Set([
  '22',
  '23',
  '42',
  '44',
  '2B',
  '2D',
  '0A',
  '28',
  '3D',
  '3F',
]);

/**
 * Classifies an error from pg/knex: connection exceptions (SQLSTATE class 08), serialization failures and
 * deadlocks (40001, 40P01), server shutdown or start-up (57P01-57P03), too many connections (53300), Node socket
 * errors and knex pool acquisition timeouts are transient; syntax, constraint, data and privilege errors are the
 * caller's and never retried; anything else is a non-retryable failure.
 */
export function classifyDatabaseError(error: unknown): Classification {
  const own = classifyPolicyError(error);
  if (own) {
    return own;
  }
  if (isTransientSocketError(error)) {
    return 'transient';
  }
  const code = readProperty(error, 'code');
  // pg puts SQLSTATE in `code` (5 characters); Node socket errors (checked first) also use `code`, e.g. EPIPE.
  if (typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code)) {
    if (code.startsWith('08') || transientSqlStates.has(code)) {
      return 'transient';
    }
    return callerSqlClasses.has(code.slice(0, 2)) ? 'caller' : 'failure';
  }
  if (readProperty(error, 'name') === 'KnexTimeoutError') {
    return 'transient';
  }
  const message = readProperty(error, 'message');
  // pg raises plain Errors for a socket closed under it.
  if (typeof message === 'string' && /Connection terminated|connection timeout/i.test(message)) {
    return 'transient';
  }
  return 'failure';
}
