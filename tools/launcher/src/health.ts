import { healthV1 } from '@gaara/contracts';
import { createClient } from '@gaara/grpc';

const { SERVING } = healthV1.HealthCheckResponse_ServingStatus;

/** Name of a gRPC serving status, or `UNREACHABLE` when the call failed. */
export type GrpcHealth = 'SERVING' | 'NOT_SERVING' | 'UNKNOWN' | 'SERVICE_UNKNOWN' | 'UNREACHABLE';

/** One grpc.health.v1 Check of the whole server at `address`, bounded by `timeoutMs`. */
export async function grpcHealth(address: string, timeoutMs = 1000): Promise<GrpcHealth> {
  const client = createClient(healthV1.Health, address, { defaultDeadlineMs: timeoutMs });
  try {
    const response = await client.check({ service: '' });
    if (response.status === SERVING) return 'SERVING';
    const name = healthV1.HealthCheckResponse_ServingStatus[response.status];
    return (name as GrpcHealth | undefined) ?? 'UNKNOWN';
  } catch {
    return 'UNREACHABLE';
  } finally {
    client.close();
  }
}

/** HTTP status of GET `url`, or 0 when unreachable, bounded by `timeoutMs`. */
export async function httpStatus(url: string, timeoutMs = 1000): Promise<number> {
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(timeoutMs) });
    await response.arrayBuffer();
    return response.status;
  } catch {
    return 0;
  }
}

export const delay = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** Polls `probe` every `intervalMs` until it returns true; false once `timeoutMs` passed. */
export async function pollUntil(
  probe: () => Promise<boolean>,
  timeoutMs: number,
  intervalMs = 100,
): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await probe()) return true;
    if (Date.now() >= deadline) return false;
    await delay(Math.min(intervalMs, Math.max(0, deadline - Date.now())));
  }
}
