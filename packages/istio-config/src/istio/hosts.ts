// Istio's host helpers (pkg/config/analysis/analyzers/util/hosts.go and pkg/config/host).

export const CLUSTER_LOCAL_DOMAIN = 'svc.cluster.local';

/**
 * A short name becomes "name.namespace.svc.<domain>"; anything with a dot, or a wildcard, stays as written.
 *
 * @public
 */
export function convertHostToFqdn(namespace: string, host: string, domain = 'cluster.local'): string {
  return !host.startsWith('*') && !host.includes('.') ? `${host}.${namespace}.svc.${domain}` : host;
}

/** "a.b.ns.svc.cluster.local" → { namespace: "ns", name: "a.b" }; anything else → the default namespace and the whole host. */
export function resourceNameFromHost(defaultNamespace: string, host: string): { namespace: string; name: string } {
  // Istio's /^(.+)\.(.+)\.svc\.cluster\.local$/, read from the end: the namespace is the last label that leaves a name.
  const suffix = '.svc.cluster.local';
  const rest = host.endsWith(suffix) ? host.slice(0, -suffix.length) : '';
  for (let dot = rest.lastIndexOf('.'); dot > 0; dot = rest.lastIndexOf('.', dot - 1)) {
    if (dot < rest.length - 1) return { namespace: rest.slice(dot + 1), name: rest.slice(0, dot) };
  }
  return { namespace: defaultNamespace, name: host };
}

/** Istio's `host.Name.Matches`: whether two host patterns overlap ("*" matches everything; "*.a.com" does not match "a.com"). */
export function hostsOverlap(a: string, b: string): boolean {
  const aWild = a.startsWith('*');
  const bWild = b.startsWith('*');
  if (aWild && bWild) {
    const [shorter, longer] = a.length <= b.length ? [a, b] : [b, a];
    return longer.slice(1).endsWith(shorter.slice(1));
  }
  if (aWild) return b.endsWith(a.slice(1));
  if (bWild) return a.endsWith(b.slice(1));
  return a === b;
}

/** True when a resource is exported to every namespace: no exportTo, or "*" in it. */
export function exportedToAll(exportTo: unknown): boolean {
  return !Array.isArray(exportTo) || exportTo.length === 0 || exportTo.includes('*');
}

/**
 * "ns/name" references resolve to that namespace; bare names to the default one.
 *
 * @public
 */
export function shortOrFullName(defaultNamespace: string, reference: string): { namespace: string; name: string } {
  const slash = reference.indexOf('/');
  return slash === -1 ? { namespace: defaultNamespace, name: reference } : { namespace: reference.slice(0, slash), name: reference.slice(slash + 1) };
}

/** Gateway server hosts visible from a namespace: "ns/host" kept only for that namespace (or "*"), prefix stripped. */
export function hostsForNamespace(hosts: string[], namespace: string): string[] {
  return hosts.flatMap(host => {
    const slash = host.indexOf('/');
    if (slash === -1) return [host];
    const scope = host.slice(0, slash);
    return scope === namespace || scope === '*' ? [host.slice(slash + 1)] : [];
  });
}

/**
 * Whether an object exported with `exportTo` is visible in a namespace (pilot/pkg/model/push_context.go):
 * no exportTo (the mesh default, "*"), "*", "." for its own namespace, or the namespace by name; "~" hides it.
 *
 * @public
 */
export function exportedTo(object: { metadata: { namespace?: string }; spec?: any }, namespace: string): boolean {
  const exportTo: unknown = object.spec?.exportTo;
  if (!Array.isArray(exportTo) || exportTo.length === 0) return true;
  const own = object.metadata.namespace ?? 'default';
  return exportTo.some(target => target === '*' || target === namespace || (target === '.' && own === namespace));
}
