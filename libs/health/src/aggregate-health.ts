import type {
  DependencyHealth,
  DependencyKind,
  DependencyReport,
  HealthReport,
  OverallHealth,
} from './health-model';

const severity: Readonly<Record<DependencyHealth, number>> = {
  healthy: 0,
  degraded: 1,
  unavailable: 2,
};

const kindOrder: Readonly<Record<DependencyKind, number>> = {
  service: 0,
  database: 1,
  kafka: 2,
  breaker: 3,
};

/** The worse of several statuses; `healthy` for none. */
export function worstOf(statuses: Iterable<DependencyHealth>): DependencyHealth {
  let worst: DependencyHealth = 'healthy';
  for (const status of statuses) if (severity[status] > severity[worst]) worst = status;
  return worst;
}

/** `healthy` only when every dependency is healthy; anything degraded or unavailable degrades the system. */
export function overallHealth(dependencies: readonly DependencyReport[]): OverallHealth {
  return dependencies.every((dependency) => dependency.status === 'healthy')
    ? 'healthy'
    : 'degraded';
}

/** Orders dependencies by kind then name, so two reports of the same system list them alike. */
export function sortDependencies(
  dependencies: readonly DependencyReport[],
): readonly DependencyReport[] {
  return [...dependencies].sort(
    (a, b) => kindOrder[a.kind] - kindOrder[b.kind] || a.name.localeCompare(b.name),
  );
}

/**
 * Assembles a report from every dependency's entry.
 * @throws RangeError when two entries share a name (a report names each dependency once)
 */
export function buildHealthReport(
  dependencies: readonly DependencyReport[],
  checkedAt: number = Date.now(),
): HealthReport {
  const names = new Set<string>();
  for (const { name } of dependencies) {
    if (names.has(name)) throw new RangeError(`Dependency "${name}" appears twice in one report`);
    names.add(name);
  }
  return {
    overall: overallHealth(dependencies),
    dependencies: sortDependencies(dependencies),
    checkedAt,
  };
}
