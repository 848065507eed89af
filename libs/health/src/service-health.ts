import type { DependencyReport, GuardState } from './health-model';

/** What a grpc.health.v1 check of one service found. */
export type ServiceProbe =
  | {
      readonly reachable: true;
      /** False when the service answers NOT_SERVING: it is up but its own critical dependency (its database) is not. */
      readonly serving: boolean;
    }
  | {
      readonly reachable: false;
      /** Sanitized reason, e.g. "catalog unreachable". */
      readonly reason: string;
    };

/**
 * The entries one service contributes: the service itself (`<name>`) and its database (`<name>.database`),
 * whose reachability is only known through the service's NOT_SERVING.
 * - SERVING: both healthy;
 * - NOT_SERVING: service degraded (it answers but cannot do its work), database unavailable;
 * - unreachable: service unavailable, database degraded with "unknown" (nobody can tell, so not claimed down).
 */
export function serviceDependencies(
  name: string,
  probe: ServiceProbe,
  breakerState?: GuardState,
): readonly DependencyReport[] {
  const guard = breakerState === undefined ? {} : { breakerState };
  const database = `${name}.database`;
  if (!probe.reachable) {
    return [
      { name, kind: 'service', status: 'unavailable', detail: probe.reason, ...guard },
      {
        name: database,
        kind: 'database',
        status: 'degraded',
        detail: `unknown: ${name} does not answer`,
      },
    ];
  }
  if (!probe.serving) {
    return [
      {
        name,
        kind: 'service',
        status: 'degraded',
        detail: `${name} reports NOT_SERVING`,
        ...guard,
      },
      {
        name: database,
        kind: 'database',
        status: 'unavailable',
        detail: `${name} reports its database unreachable`,
      },
    ];
  }
  return [
    { name, kind: 'service', status: 'healthy', detail: '', ...guard },
    { name: database, kind: 'database', status: 'healthy', detail: '' },
  ];
}
