import type { EntityMeshStatus } from '../api/statusTypes';
import type { ObservedCaller } from './accessDiff';

/**
 * The callers a status saw or the catalog names, over all its clusters (a caller seen in two keeps its
 * highest rate: clusters often share one Prometheus, and a sum would count its calls twice): what the
 * access check asks about besides the callers a policy names.
 *
 * @public
 */
export function observedCallersOf(status: Pick<EntityMeshStatus, 'clusters'> | undefined): ObservedCaller[] {
  const callers = new Map<string, ObservedCaller>();
  for (const check of (status?.clusters ?? []).flatMap(cluster => cluster.security?.callers ?? [])) {
    if (!check.observed && !check.dependsOn) continue;
    const known = callers.get(check.principal);
    const rates = [check.rate, known?.rate].filter((rate): rate is number => rate !== undefined);
    const rate = rates.length > 0 ? Math.max(...rates) : undefined;
    callers.set(check.principal, {
      principal: check.principal,
      observed: check.observed || (known?.observed ?? false),
      ...(rate === undefined ? {} : { rate }),
      ...(check.dependsOn || known?.dependsOn ? { dependsOn: true } : {}),
    });
  }
  return [...callers.values()];
}
