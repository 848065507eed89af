/** Something with a stop, or a stop itself. */
export type StopStep = { stop(): unknown } | (() => unknown);

/**
 * Stops `steps` one after the other, in the order given; a failing step does not keep the rest from stopping,
 * and the first failure is rethrown once all ran.
 */
export async function stopInOrder(steps: readonly StopStep[]): Promise<void> {
  let failure: { error: unknown } | undefined;
  for (const step of steps) {
    try {
      await (typeof step === 'function' ? step() : step.stop());
    } catch (error: unknown) {
      failure ??= { error };
    }
  }
  if (failure !== undefined) throw failure.error;
}
