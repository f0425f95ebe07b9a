import type { AnalyzedObject } from '../objects/kinds';
import { selectorMatches } from './selectors';

/**
 * The proxy scope that applies to a workload: its Sidecar's first egress listener's hosts.
 *
 * @public
 */
export interface ProxyScopeView {
  sidecar: AnalyzedObject;
  hosts: string[];
}

/**
 * The Sidecar that applies to a workload, as Istio picks it: one in its namespace selecting it, else its
 * namespace's without a selector, else the root namespace's without a selector.
 *
 * @public
 */
export function scopeFor(
  workload: AnalyzedObject,
  labels: Record<string, string>,
  sidecars: AnalyzedObject[],
  rootNamespace: string,
): ProxyScopeView | undefined {
  const namespace = workload.metadata.namespace ?? 'default';
  const selects = (s: AnalyzedObject) => s.spec?.workloadSelector?.labels && selectorMatches(s.spec.workloadSelector.labels, labels);
  const unselected = (s: AnalyzedObject) => !s.spec?.workloadSelector;
  const sidecar =
    sidecars.find(s => s.metadata.namespace === namespace && selects(s)) ??
    sidecars.find(s => s.metadata.namespace === namespace && unselected(s)) ??
    sidecars.find(s => s.metadata.namespace === rootNamespace && unselected(s));
  const hosts: string[] | undefined = sidecar?.spec?.egress?.[0]?.hosts;
  return sidecar && Array.isArray(hosts) ? { sidecar, hosts } : undefined;
}

/** A Kubernetes Service host's namespace ("x.ns.svc.cluster.local" → "ns"); undefined for other hosts. */
function serviceNamespace(host: string): string | undefined {
  const match = /^[^.]+\.([^.]+)\.svc\./.exec(host);
  return match?.[1];
}

/**
 * Whether a Sidecar egress host ("ns/host") covers a called host, for a Sidecar in `sidecarNamespace`.
 *
 * @public
 */
export function scopeCovers(entry: string, host: string, sidecarNamespace: string): boolean {
  const [namespacePart, hostPart] = entry.split('/');
  if (namespacePart === '~' || hostPart === undefined) return false;
  const hostMatches = hostPart === '*' || hostPart === host || (hostPart.startsWith('*.') && host.endsWith(hostPart.slice(1)));
  if (!hostMatches) return false;
  const namespace = serviceNamespace(host);
  // A ServiceEntry's host names no namespace: the entry's host part decides.
  if (namespacePart === '*' || namespace === undefined) return true;
  return (namespacePart === '.' ? sidecarNamespace : namespacePart) === namespace;
}
