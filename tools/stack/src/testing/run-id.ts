// A name part unique to one test run, so parallel or repeated runs never share groups, schemas or services.
import { randomBytes } from 'node:crypto';

export function runId(): string {
  return `${Date.now().toString(36)}${randomBytes(3).toString('hex')}`;
}
