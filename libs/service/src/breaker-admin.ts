import type { MessageInitShape } from '@bufbuild/protobuf';
import { timestampFromMs } from '@bufbuild/protobuf/wkt';
import { type breakerAdminV1, commonV1 } from '@gaara/contracts';
import { NotFoundError, type ServiceImplementation } from '@gaara/grpc';
import {
  UnknownBreakerError,
  type BreakerRegistry,
  type BreakerSnapshot,
  type BreakerState,
} from '@gaara/resilience';

const wireState: Readonly<Record<BreakerState, commonV1.BreakerState>> = {
  closed: commonV1.BreakerState.CLOSED,
  open: commonV1.BreakerState.OPEN,
  'half-open': commonV1.BreakerState.HALF_OPEN,
  isolated: commonV1.BreakerState.OPEN,
};

function toWire(
  snapshot: BreakerSnapshot,
): MessageInitShape<typeof breakerAdminV1.BreakerSnapshotSchema> {
  return {
    name: snapshot.name,
    state: wireState[snapshot.state],
    isolated: snapshot.state === 'isolated',
    successes: snapshot.successes,
    failures: snapshot.failures,
    lastTransitionAt:
      snapshot.lastTransitionAt === undefined
        ? undefined
        : timestampFromMs(snapshot.lastTransitionAt),
    lastTransitionCause: snapshot.lastTransitionCause ?? '',
  };
}

/** Runs a registry action; an unknown name is NOT_FOUND. */
function onBreaker(act: () => BreakerSnapshot): { breaker: ReturnType<typeof toWire> } {
  try {
    return { breaker: toWire(act()) };
  } catch (error: unknown) {
    if (error instanceof UnknownBreakerError) throw new NotFoundError(error.message);
    throw error;
  }
}

/** BreakerAdminService over one process's breakers (every store service serves it; see serveGrpc). */
export function breakerAdminService(
  registry: BreakerRegistry,
): ServiceImplementation<typeof breakerAdminV1.BreakerAdminService> {
  return {
    listBreakers: () => ({ breakers: registry.list().map(toWire) }),
    isolateBreaker: ({ name, cause }) =>
      onBreaker(() => registry.isolate(name, cause || 'isolated by an operator')),
    resetBreaker: ({ name, cause }) =>
      onBreaker(() => registry.reset(name, cause || 'reset by an operator')),
  };
}
