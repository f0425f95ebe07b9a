import type { IstioObject } from '@meshport/istio-config';
import { getsSidecar, MeshPolicy } from '../model';
import { serviceMetadata, workloadSelector } from './names';

/** The hosts every scoped proxy keeps: its own namespace's, and Istio's root namespace's (istiod, gateways). */
export const SCOPE_BASE_HOSTS = ['./*', 'istio-system/*'];

/**
 * The service's Sidecar resource: its proxies learn only its namespace's and istio-system's hosts and those
 * it calls (its catalog dependencies, its ServiceEntries), instead of every service of the mesh. Rendered in
 * sidecar mode when the policy asks for a scope.
 */
export function renderSidecarScope(policy: MeshPolicy): IstioObject<'Sidecar'> | undefined {
  if (!policy.scope || !getsSidecar(policy)) return undefined;
  return {
    apiVersion: 'networking.istio.io/v1',
    kind: 'Sidecar',
    metadata: serviceMetadata(policy),
    spec: {
      workloadSelector: { labels: workloadSelector(policy).matchLabels },
      egress: [{ hosts: [...new Set([...SCOPE_BASE_HOSTS, ...policy.scope.hosts])] }],
    },
  };
}
