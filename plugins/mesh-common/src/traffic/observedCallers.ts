import type { EntityMeshStatus } from '../api/statusTypes';
import type { ObservedCaller } from './accessDiff';

/**
 * The callers a status saw or the catalog names, over all its clusters (a caller seen in two sums its
 * rates): what the access check asks about besides the callers a policy names.
 *
 * @public
 */
export function observedCallersOf(status: Pick<EntityMeshStatus, 'clusters'> | undefined): ObservedCaller[] {
  const callers = new Map<string, ObservedCaller>();
  for (const check of (status?.clusters ?? []).flatMap(cluster => cluster.security?.callers ?? [])) {
    if (!check.observed && !check.dependsOn) continue;
    const known = callers.get(check.principal);
    const rate = check.rate === undefined && known?.rate === undefined ? undefined : (check.rate ?? 0) + (known?.rate ?? 0);
    callers.set(check.principal, {
      principal: check.principal,
      observed: check.observed || (known?.observed ?? false),
      ...(rate === undefined ? {} : { rate }),
      ...(check.dependsOn || known?.dependsOn ? { dependsOn: true } : {}),
    });
  }
  return [...callers.values()];
}
