import { AnalyzedObject } from '../analyze';
import { PolicyScope } from './types';

/** True when a policy's `selector.matchLabels` (or a workload selector) picks these pod labels. */
export function selectsLabels(matchLabels: Record<string, string> | undefined, labels: Record<string, string>): boolean {
  return Object.entries(matchLabels ?? {}).every(([key, value]) => labels[key] === value);
}


/** The policy's label selector, from `selector` (security) or `workloadSelector` (networking). */
export function policySelector(policy: AnalyzedObject): Record<string, string> | undefined {
  const selector = policy.spec?.selector?.matchLabels ?? policy.spec?.workloadSelector?.labels;
  return selector && Object.keys(selector).length > 0 ? selector : undefined;
}

/**
 * How a security policy applies to a workload in `namespace` with these labels: through its selector,
 * to its whole namespace, or mesh-wide from the root namespace; undefined when it does not apply.
 * (A selector in the root namespace selects only workloads of the root namespace.)
 */
export function policyScopeFor(policy: AnalyzedObject, namespace: string, labels: Record<string, string>, rootNamespace: string): PolicyScope | undefined {
  const policyNamespace = policy.metadata.namespace ?? 'default';
  const selector = policySelector(policy);
  if (selector) {
    if (policy.spec?.targetRef || policy.spec?.targetRefs) return undefined;
    return policyNamespace === namespace && selectsLabels(selector, labels) ? 'workload' : undefined;
  }
  if (policyNamespace === namespace && policyNamespace !== rootNamespace) return 'namespace';
  if (policyNamespace === rootNamespace) return 'mesh';
  return undefined;
}

/** Istio's order among several policies at one level: oldest first, then by name. */
export function byAge(a: AnalyzedObject, b: AnalyzedObject): number {
  const age = String((a.metadata as any).creationTimestamp ?? '').localeCompare(String((b.metadata as any).creationTimestamp ?? ''));
  return age || `${a.metadata.namespace}/${a.metadata.name}`.localeCompare(`${b.metadata.namespace}/${b.metadata.name}`);
}
