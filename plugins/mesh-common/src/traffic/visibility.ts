import { outboundPolicyOf } from '../istio/meshConfig';
import { selectorString } from '../istio/selectors';
import { TrafficObjects } from './destination';

/** Whether a Sidecar egress host ("ns/host", "./*", "*\/*", "~/*") admits a service host in a namespace (pilot/pkg/model/sidecar.go). */
function egressHostAdmits(entry: string, sidecarNamespace: string, namespace: string, host: string): boolean {
  const slash = entry.indexOf('/');
  const scope = slash === -1 ? '*' : entry.slice(0, slash);
  const pattern = slash === -1 ? entry : entry.slice(slash + 1);
  if (scope === '~') return false;
  if (scope !== '*' && (scope === '.' ? sidecarNamespace : scope) !== namespace) return false;
  return pattern === '*' || pattern === host || (pattern.startsWith('*.') && host.endsWith(pattern.slice(1)));
}

/**
 * The Sidecar that scopes a caller's proxy and whether it lets the proxy see a host: the caller namespace's
 * Sidecar without a workload selector, else the root namespace's (pilot/pkg/model/push_context.go,
 * getSidecarScope); none means the whole mesh. A Sidecar with a selector in the caller's namespace may
 * select the caller: said as an assumption, since a caller is named by its service account only.
 */
export function sidecarScopeAdmits(
  objects: TrafficObjects,
  caller: { namespace: string },
  rootNamespace: string,
  destination: { namespace: string; host: string },
  assumptions: string[],
): { admits: boolean; sidecar?: string } {
  const sidecars = objects.ofKind('Sidecar');
  const selecting = sidecars.filter(s => (s.metadata.namespace ?? 'default') === caller.namespace && s.spec?.workloadSelector?.labels);
  for (const sidecar of selecting) {
    assumptions.push(
      `Sidecar ${caller.namespace}/${sidecar.metadata.name} selects ${selectorString(
        sidecar.spec.workloadSelector.labels,
      )}; the caller is taken not to carry those labels`,
    );
  }
  const scope =
    sidecars.find(s => (s.metadata.namespace ?? 'default') === caller.namespace && !s.spec?.workloadSelector) ??
    sidecars.find(s => (s.metadata.namespace ?? 'default') === rootNamespace && !s.spec?.workloadSelector);
  if (!scope) return { admits: true };
  const name = `Sidecar ${scope.metadata.namespace ?? 'default'}/${scope.metadata.name}`;
  const hosts: string[] = (scope.spec?.egress ?? []).flatMap((listener: any) => listener?.hosts ?? []);
  const sidecarNamespace = caller.namespace;
  return { admits: hosts.some(entry => egressHostAdmits(String(entry), sidecarNamespace, destination.namespace, destination.host)), sidecar: name };
}

/** The mesh's outbound policy: REGISTRY_ONLY refuses hosts a proxy does not know (the root namespace's istio ConfigMap). */
export function outboundPolicy(objects: TrafficObjects, rootNamespace: string): 'ALLOW_ANY' | 'REGISTRY_ONLY' {
  const configMap = objects.ofKind('ConfigMap').find(c => c.metadata.name === 'istio' && c.metadata.namespace === rootNamespace);
  return outboundPolicyOf(configMap) === 'REGISTRY_ONLY' ? 'REGISTRY_ONLY' : 'ALLOW_ANY';
}
