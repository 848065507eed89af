// Composition root of the standalone sandbox: env → listeners (control, external, payment, smtp) → print URLs → stop on SIGTERM/SIGINT.
import { sandboxOptionsFromEnv } from './config/sandbox-config';
import { SandboxError } from './errors';
import { startSandbox } from './sandbox';

/** Hard bound on shutdown; close() drops hung calls, so this only guards against the unforeseen. */
const shutdownDeadlineMs = 5_000;

async function main(): Promise<void> {
  const sandbox = await startSandbox(sandboxOptionsFromEnv());
  console.log(`sandbox control ${sandbox.url}`);
  for (const [name, endpoint] of Object.entries(sandbox.providers)) {
    console.log(`sandbox ${name} ${endpoint.url}`);
  }

  const stop = () => {
    setTimeout(() => process.exit(1), shutdownDeadlineMs).unref();
    sandbox.close().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error('sandbox: shutdown failed', error);
        process.exit(1);
      },
    );
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}

main().catch((error: unknown) => {
  // Configuration and listen errors are self-explanatory; anything else deserves its stack.
  console.error('sandbox: cannot start:', error instanceof SandboxError ? error.message : error);
  process.exit(1);
});
