import { outboundPolicyOf, selectorString } from '@meshport/istio-config';
import { scopeCovers, scopeFor } from '@meshport/istio-config';
import { TrafficObjects } from './destination';

/**
 * The Sidecar that scopes a caller's proxy and whether it lets the proxy see a host, as the status picks
 * and reads it (`scopeFor`, `scopeCovers`; pilot/pkg/model/push_context.go, getSidecarScope): the caller
 * namespace's Sidecar without a workload selector, else the root namespace's; none means the whole mesh.
 * A Sidecar with a selector in the caller's namespace may select the caller: said as an assumption, since
 * a caller is named by its service account only.
 */
export function sidecarScopeAdmits(
  objects: TrafficObjects,
  caller: { namespace: string },
  rootNamespace: string,
  destination: { host: string },
  assumptions: string[],
): { admits: boolean; sidecar?: string } {
  const sidecars = objects.ofKind('Sidecar');
  for (const sidecar of sidecars.filter(s => s.metadata.namespace === caller.namespace && s.spec?.workloadSelector?.labels)) {
    assumptions.push(
      `Sidecar ${caller.namespace}/${sidecar.metadata.name} selects ${selectorString(
        sidecar.spec.workloadSelector.labels,
      )}; the caller is taken not to carry those labels`,
    );
  }
  const scope = scopeFor({ kind: 'Pod', metadata: { name: 'caller', namespace: caller.namespace } }, {}, sidecars, rootNamespace);
  if (!scope) return { admits: true };
  const name = `Sidecar ${scope.sidecar.metadata.namespace}/${scope.sidecar.metadata.name}`;
  return { admits: scope.hosts.some(entry => scopeCovers(String(entry), destination.host, caller.namespace)), sidecar: name };
}

/** The mesh's outbound policy: REGISTRY_ONLY refuses hosts a proxy does not know (the root namespace's istio ConfigMap). */
export function outboundPolicy(objects: TrafficObjects, rootNamespace: string): 'ALLOW_ANY' | 'REGISTRY_ONLY' {
  const configMap = objects.ofKind('ConfigMap').find(c => c.metadata.name === 'istio' && c.metadata.namespace === rootNamespace);
  return outboundPolicyOf(configMap) === 'REGISTRY_ONLY' ? 'REGISTRY_ONLY' : 'ALLOW_ANY';
}
