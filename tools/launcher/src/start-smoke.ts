// The front door's smoke test (a gate of `npm test`): runs `npm start` exactly as the README says, pastes the
// banner's example order, checks /health, SIGKILLs invoice under supervision (a new order must still be paid),
// then Ctrl-C (SIGINT to the process group, as a terminal sends it) must end everything within 15 s and free the ports.
import { execFile, spawn } from 'node:child_process';
import { createWriteStream, existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { delay, httpStatus, pollUntil } from './health';
import { defaultPorts } from './launcher';
import { canListen } from './ports';
import { commandLine, parseCurlInclude, reportedPids } from './smoke-output';

const root = resolve(__dirname, '../../..');
const logFile = join(root, 'reports/start-smoke.log');
/** Bounds, in milliseconds: the first start may build every project. */
const bannerTimeoutMs = 10 * 60_000;
const paidWithinMs = 10_000;
const restartedWithinMs = 40_000;
/** After a SIGKILL the dead consumer holds its partitions until its Kafka session (10 s by default) expires. */
const paidAfterRestartWithinMs = 25_000;
const stoppedWithinMs = 15_000;

const run = promisify(execFile);
const step = (line: string): void => console.log(`start-smoke: ${line}`);

async function main(): Promise<void> {
  mkdirSync(join(root, 'reports'), { recursive: true });
  const log = createWriteStream(logFile);
  let output = '';
  let exit: { code: number | null; signal: NodeJS.Signals | null } | undefined;
  const npm = spawn('npm', ['start'], {
    cwd: root,
    detached: true, // its own process group, like a terminal's foreground job
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, GAARA_ADMIN_TOKEN: '' },
  });
  const exited = new Promise<void>((done) =>
    npm.once('exit', (code, signal) => {
      exit = { code, signal };
      done();
    }),
  );
  for (const stream of [npm.stdout, npm.stderr]) {
    stream.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      log.write(chunk);
    });
  }
  const waitFor = async (what: string, holds: () => boolean, timeoutMs: number): Promise<void> => {
    const ok = await pollUntil(() => {
      if (exit !== undefined)
        throw new Error(`npm start exited (${JSON.stringify(exit)}) while waiting for ${what}`);
      return Promise.resolve(holds());
    }, timeoutMs);
    if (!ok) throw new Error(`${what}: not within ${timeoutMs} ms`);
  };
  const bash = async (line: string): Promise<string> =>
    (await run('bash', ['-c', line], { timeout: 10_000, maxBuffer: 1 << 20 })).stdout;

  try {
    await waitFor(
      'the banner',
      () => output.includes('Ctrl-C stops every service'),
      bannerTimeoutMs,
    );
    step('banner printed');

    const orderLine = commandLine(output, 'curl -i -X POST');
    if (orderLine === undefined) throw new Error('the banner has no example order');
    const gateway = `http://127.0.0.1:${defaultPorts.gateway}`;
    const placeAndPay = async (line: string, withinMs: number): Promise<string> => {
      const order = parseCurlInclude(await bash(line));
      if (order.status !== 202)
        throw new Error(`example order answered ${order.status}: ${order.body}`);
      const invoiceId = (JSON.parse(order.body) as { invoice: { id: string } }).invoice.id;
      let invoiceStatus = '';
      const paid = await pollUntil(async () => {
        const answer = await fetch(`${gateway}/api/invoices/${invoiceId}`);
        invoiceStatus =
          ((await answer.json()) as { invoice?: { status?: string } }).invoice?.status ?? '';
        return invoiceStatus === 'paid';
      }, withinMs);
      if (!paid)
        throw new Error(`invoice ${invoiceId} not paid within ${withinMs} ms (${invoiceStatus})`);
      return invoiceId;
    };
    const invoiceId = await placeAndPay(orderLine, paidWithinMs);
    step(`example order as printed → 202, invoice ${invoiceId} paid`);

    const adminLine = commandLine(output, 'curl -i -H');
    const admin = parseCurlInclude(await bash(adminLine ?? 'false'));
    if (admin.status !== 200)
      throw new Error(`admin example answered ${admin.status}: ${admin.body}`);
    step('admin example with the printed token → 200');

    const healthy = (): Promise<boolean> =>
      httpStatus(`${gateway}/health`, 2000).then((status) => status === 200);
    if (!(await pollUntil(healthy, 30_000, 250))) throw new Error('GET /health did not answer 200');
    step('GET /health → 200');

    const consoleUrl = /Console:\s+(\S+)/.exec(output)?.[1];
    if (consoleUrl === undefined) throw new Error('the banner has no Console line');
    const page = await fetch(consoleUrl, { signal: AbortSignal.timeout(5000) });
    const html = await page.text();
    if (page.status !== 200 || !html.includes('<script'))
      throw new Error(`the printed console ${consoleUrl} answered ${page.status} without its page`);
    step(`console as printed → 200 (${consoleUrl})`);

    const [invoicePid] = reportedPids(output).get('invoice') ?? [];
    if (invoicePid === undefined) throw new Error('the launcher reported no invoice pid');
    const killedAt = Date.now();
    process.kill(invoicePid, 'SIGKILL');
    await waitFor(
      'a restarted invoice',
      () => (reportedPids(output).get('invoice') ?? []).length > 1,
      restartedWithinMs,
    );
    const healthyAgain = await pollUntil(healthy, restartedWithinMs - (Date.now() - killedAt), 250);
    if (!healthyAgain)
      throw new Error(`GET /health not 200 within ${restartedWithinMs} ms of the kill`);
    step(`invoice SIGKILLed → restarted, /health 200 after ${Date.now() - killedAt} ms`);
    // The restarted invoice must consume again (and the next run then finds no dead member in its group).
    const secondOrder = orderLine.replace(
      /"idempotencyKey":"([^"]+)"/,
      '"idempotencyKey":"$1-after-restart"',
    );
    await placeAndPay(secondOrder, paidAfterRestartWithinMs);
    step(`an order after the restart → paid, ${Date.now() - killedAt} ms after the kill`);
  } catch (error: unknown) {
    if (exit === undefined) process.kill(-(npm.pid ?? 0), 'SIGINT');
    await Promise.race([exited, delay(stoppedWithinMs)]);
    console.error(output.trimEnd().split('\n').slice(-60).join('\n'));
    printServiceLogTails(output);
    throw error;
  }

  const stopStarted = Date.now();
  process.kill(-(npm.pid ?? 0), 'SIGINT');
  await Promise.race([exited, delay(stoppedWithinMs)]);
  if (exit === undefined)
    throw new Error(`npm start still running ${stoppedWithinMs} ms after SIGINT`);
  if (exit.code !== 0)
    throw new Error(`npm start exited with ${JSON.stringify(exit)} after SIGINT`);
  const left = [...reportedPids(output).values()].flat().filter(isAlive);
  if (left.length > 0) throw new Error(`store processes still running: ${left.join(', ')}`);
  const busy: number[] = [];
  for (const port of Object.values(defaultPorts))
    if (!(await canListen(port, '127.0.0.1'))) busy.push(port);
  if (busy.length > 0) throw new Error(`ports still taken after the stop: ${busy.join(', ')}`);
  step(`SIGINT → exit 0 in ${Date.now() - stopStarted} ms, no store process left, ports free`);
  log.end();
}

/** The last lines of every service's log (the launcher prints their folder in the banner), for a failure's cause. */
function printServiceLogTails(output: string): void {
  const logDir = /logs in (\S+?)\)/.exec(output)?.[1];
  if (logDir === undefined || !existsSync(logDir)) return;
  for (const file of readdirSync(logDir).sort()) {
    const lines = readFileSync(join(logDir, file), 'utf8').trimEnd().split('\n').slice(-12);
    console.error(
      `── ${file} (last ${lines.length} lines)\n${lines.map((l) => l.slice(0, 400)).join('\n')}`,
    );
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(`start-smoke: FAILED: ${error instanceof Error ? error.message : String(error)}`);
    console.error(`start-smoke: npm start's output: ${logFile}`);
    process.exit(1);
  },
);
