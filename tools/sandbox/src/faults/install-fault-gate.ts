import type { FastifyInstance } from 'fastify';
import type { CallTally } from './call-counters';
import type { CancellableDelays } from './cancellable-delays';
import type { FaultPlan } from './fault-plan';
import type { HeldCalls } from './held-calls';

/** The shared fault machinery of one provider, as the gate needs it. */
export interface FaultGateParts {
  readonly plan: FaultPlan;
  readonly tally: CallTally;
  readonly held: HeldCalls;
  readonly delays: CancellableDelays;
}

/** Body of an injected failure, so a test can tell it from a provider's own error. */
export interface InjectedFaultBody {
  readonly error: 'sandbox_injected_fault';
  readonly status: number;
}

/**
 * Puts the fault plan in front of every route of a provider app (404s included): counts the call,
 * then hangs it, delays it, fails it, or lets the route answer.
 */
export function installFaultGate(app: FastifyInstance, parts: FaultGateParts): void {
  const { plan, tally, held, delays } = parts;
  const generationOf = new WeakMap<object, number>();

  app.addHook('onRequest', async (request, reply) => {
    generationOf.set(request.raw, tally.receive());
    const decision = plan.decide();
    if (decision.kind === 'hang') {
      held.hold(request.raw.socket);
      reply.hijack();
      return;
    }
    if (decision.latencyMs > 0 && !(await delays.wait(decision.latencyMs))) {
      // Cancelled by down or shutdown: drop the call as a dying provider would.
      request.raw.socket.destroy();
      reply.hijack();
      return;
    }
    if (decision.kind === 'fail') {
      const body: InjectedFaultBody = { error: 'sandbox_injected_fault', status: decision.status };
      return reply.code(decision.status).send(body);
    }
  });

  app.addHook('onResponse', async (request, reply) => {
    const generation = generationOf.get(request.raw);
    if (generation !== undefined) tally.answer(generation, reply.statusCode);
  });
}
