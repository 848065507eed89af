/** One environment variable that is missing or does not hold what the schema expects. */
export interface ConfigIssue {
  /** Name of the environment variable, e.g. `GAARA_PG_PORT`. */
  readonly variable: string;
  /** What a valid value looks like, e.g. `an integer port 1-65535`. */
  readonly expected: string;
  /** The raw value found, or `undefined` when the variable is not set (or empty). */
  readonly received: string | undefined;
}

/** Longest raw value quoted back in a message; keeps a pasted secret or blob out of the logs. */
const MAX_QUOTED_LENGTH = 60;

/** Renders one issue as `NAME: expected <what>, got "<raw>"` (or `..., but it is not set`). */
export function describeIssue(issue: ConfigIssue): string {
  if (issue.received === undefined) {
    return `${issue.variable}: expected ${issue.expected}, but it is not set`;
  }
  const raw =
    issue.received.length > MAX_QUOTED_LENGTH
      ? `${issue.received.slice(0, MAX_QUOTED_LENGTH)}…`
      : issue.received;
  return `${issue.variable}: expected ${issue.expected}, got ${JSON.stringify(raw)}`;
}

/** The environment does not describe a valid configuration; the message names every bad variable. */
export class ConfigError extends Error {
  readonly code = 'CONFIG_INVALID';
  readonly issues: readonly ConfigIssue[];

  constructor(issues: readonly ConfigIssue[]) {
    const lines = issues.map((issue) => `  ${describeIssue(issue)}`);
    super(
      `Invalid configuration (${issues.length} problem${issues.length === 1 ? '' : 's'}):\n${lines.join('\n')}`,
    );
    this.name = 'ConfigError';
    this.issues = issues;
  }
}
