// Reading what `npm start` prints, as its smoke test does: the banner's example commands and the launcher's pids.

/** The line of `output` that starts (after indentation) with `prefix`, trimmed; undefined when none does. */
export function commandLine(output: string, prefix: string): string | undefined {
  return output
    .split('\n')
    .map((line) => line.trim())
    .find((line) => line.startsWith(prefix));
}

/** Every pid the launcher reported a service ready with (`<name> ready (pid N)` and `ready again`). */
export function reportedPids(output: string): Map<string, number[]> {
  const pids = new Map<string, number[]>();
  for (const match of output.matchAll(/\[launcher\] (\S+) ready (?:again )?\(pid (\d+)\)/g)) {
    const list = pids.get(match[1]) ?? [];
    list.push(Number(match[2]));
    pids.set(match[1], list);
  }
  return pids;
}

/** Status and body of what `curl -i` printed (the last response when it followed a 100 Continue). */
export function parseCurlInclude(text: string): { status: number; body: string } {
  const blocks = text.replace(/\r\n/g, '\n').split(/\n\n/);
  let status = 0;
  let bodyStart = 0;
  for (let i = 0; i < blocks.length; i++) {
    const match = /^HTTP\/[\d.]+ (\d{3})/.exec(blocks[i]);
    if (match === null) break;
    status = Number(match[1]);
    bodyStart = i + 1;
  }
  return { status, body: blocks.slice(bodyStart).join('\n\n') };
}
