import type { DestinationStream } from 'pino';

/** A pino destination that keeps every line, parsed. */
export function logCapture(): DestinationStream & { lines: Record<string, unknown>[] } {
  const lines: Record<string, unknown>[] = [];
  return {
    lines,
    write: (line: string) => {
      lines.push(JSON.parse(line) as Record<string, unknown>);
    },
  };
}
