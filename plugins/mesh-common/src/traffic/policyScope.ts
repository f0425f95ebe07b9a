import { AnalyzedObject, selectorMatches } from '@meshport/istio-config';
import { PolicyScope } from '../api/statusTypes';

/** The policy's label selector, from `selector` (security) or `workloadSelector` (networking). */
export function policySelector(policy: AnalyzedObject): Record<string, string> | undefined {
  const selector = policy.spec?.selector?.matchLabels ?? policy.spec?.workloadSelector?.labels;
  return selector && Object.keys(selector).length > 0 ? selector : undefined;
}

/**
 * How a security policy applies to a workload in `namespace` with these labels: through its selector,
 * to its whole namespace, or mesh-wide from the root namespace; undefined when it does not apply.
 * (A selector in the root namespace selects only workloads of the root namespace.)
 *
 * @public
 */
export function policyScopeFor(policy: AnalyzedObject, namespace: string, labels: Record<string, string>, rootNamespace: string): PolicyScope | undefined {
  const policyNamespace = policy.metadata.namespace ?? 'default';
  // A policy attached with targetRefs applies at what it names, never by selector or namespace.
  if (policy.spec?.targetRef || policy.spec?.targetRefs) return undefined;
  const selector = policySelector(policy);
  if (selector) {
    return policyNamespace === namespace && selectorMatches(selector, labels) ? 'workload' : undefined;
  }
  if (policyNamespace === namespace && policyNamespace !== rootNamespace) return 'namespace';
  if (policyNamespace === rootNamespace) return 'mesh';
  return undefined;
}

/**
 * Istio's order among several policies at one level: oldest first, then by name.
 *
 * @public
 */
export function byAge(a: AnalyzedObject, b: AnalyzedObject): number {
  const age = String((a.metadata as any).creationTimestamp ?? '').localeCompare(String((b.metadata as any).creationTimestamp ?? ''));
  return age || `${a.metadata.namespace}/${a.metadata.name}`.localeCompare(`${b.metadata.namespace}/${b.metadata.name}`);
}

/**
 * What a policy's `targetRefs` (or older `targetRef`) name, in the policy's namespace.
 *
 * @public
 */
export function policyTargets(policy: AnalyzedObject): Array<{ kind: string; group: string; name: string; namespace: string }> {
  const refs: any[] = [...(policy.spec?.targetRefs ?? []), ...(policy.spec?.targetRef ? [policy.spec.targetRef] : [])];
  const namespace = policy.metadata.namespace ?? 'default';
  return refs.map(ref => ({ kind: String(ref?.kind ?? ''), group: String(ref?.group ?? ''), name: String(ref?.name ?? ''), namespace }));
}

/**
 * Objects named as "namespace/name".
 *
 * @public
 */
export type ObjectKeys = ReadonlySet<string>;

/**
 * How a policy attached with targetRefs reaches the entity: through one of its Services, or one of the
 * waypoints that serve it (`namespace/name` sets); undefined when it names neither.
 *
 * @public
 */
export function targetScopeFor(policy: AnalyzedObject, services: ObjectKeys, waypoints: ObjectKeys): 'service' | 'waypoint' | undefined {
  const targets = policyTargets(policy);
  if (targets.some(t => t.kind === 'Service' && t.group === '' && services.has(`${t.namespace}/${t.name}`))) return 'service';
  if (targets.some(t => t.kind === 'Gateway' && t.group === 'gateway.networking.k8s.io' && waypoints.has(`${t.namespace}/${t.name}`))) return 'waypoint';
  return undefined;
}
