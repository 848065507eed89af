import type { MessageInitShape } from '@bufbuild/protobuf';
import { healthV1 } from '@gaara/contracts';
import { NotFoundError } from '../errors/grpc-service-error';
import type { ServiceImplementation } from '../server/service-implementation';
import type { HealthStatus, HealthStatusMap } from './health-status-map';

type HealthCheckResponseInit = MessageInitShape<typeof healthV1.Health.method.check.output>;

/** grpc.health.v1.Health over a status map: Check answers NOT_FOUND for unknown services, Watch streams changes. */
export function createHealthImplementation(
  statuses: HealthStatusMap,
): ServiceImplementation<typeof healthV1.Health> {
  return {
    check: (request) => {
      const status = statuses.getStatus(request.service);
      if (status === undefined) throw new NotFoundError(`Unknown service "${request.service}"`);
      return { status: toServingStatus(status) };
    },
    watch: (request, context) => watchStatus(statuses, request.service, context.signal),
  };
}

async function* watchStatus(
  statuses: HealthStatusMap,
  service: string,
  signal: AbortSignal,
): AsyncGenerator<HealthCheckResponseInit> {
  // Changes that arrive while the consumer is busy queue up here; undefined marks the end of the stream.
  const queue: (healthV1.HealthCheckResponse_ServingStatus | undefined)[] = [];
  let wake: (() => void) | undefined;
  const push = (value: healthV1.HealthCheckResponse_ServingStatus | undefined): void => {
    queue.push(value);
    wake?.();
  };
  const unsubscribe = statuses.onChange((changed, status) => {
    if (status === undefined) push(undefined);
    else if (changed === service) push(toServingStatus(status));
  });
  const onAbort = (): void => push(undefined);
  signal.addEventListener('abort', onAbort, { once: true });
  try {
    if (statuses.isClosed || signal.aborted) return;
    let last = toWatchStatus(statuses.getStatus(service));
    yield { status: last };
    for (;;) {
      while (queue.length === 0) await new Promise<void>((resolve) => (wake = resolve));
      const next = queue.shift();
      if (next === undefined) return;
      // The protocol sends a message only when the status differs from the last one sent.
      if (next === last) continue;
      last = next;
      yield { status: next };
    }
  } finally {
    unsubscribe();
    signal.removeEventListener('abort', onAbort);
  }
}

function toServingStatus(status: HealthStatus): healthV1.HealthCheckResponse_ServingStatus {
  return status === 'SERVING'
    ? healthV1.HealthCheckResponse_ServingStatus.SERVING
    : healthV1.HealthCheckResponse_ServingStatus.NOT_SERVING;
}

function toWatchStatus(status: HealthStatus | undefined): healthV1.HealthCheckResponse['status'] {
  return status === undefined
    ? healthV1.HealthCheckResponse_ServingStatus.SERVICE_UNKNOWN
    : toServingStatus(status);
}
