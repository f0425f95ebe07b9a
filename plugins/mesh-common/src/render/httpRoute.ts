import type { IstioObject } from '@meshport/istio-config';
import { trimEndOf } from '@meshport/istio-config';
import { canarySplit, MeshPolicy, needsWaypoint } from '../model';
import { KubeObject, prune } from './kubeObject';
import { appLabel, CANARY_SUBSET, httpPort, serviceMetadata, STABLE_SUBSET } from './names';
import { canaryAnalysisAnnotation } from './canaryAnnotation';

/** Whether the service's mesh routing is Gateway API's (ambient, through its waypoint) rather than a VirtualService's. */
export function routesWithHttpRoute(policy: MeshPolicy): boolean {
  return needsWaypoint(policy);
}

/**
 * The Service of one side of the canary ("<service>-stable", "<service>-canary", as the sidecar subsets
 * are named): what an HTTPRoute's backendRefs name, as waypoints route to Services, not subsets. Named by
 * role, not version, so that any version label makes a valid name and a promotion moves selectors only.
 */
export function versionServiceName(policy: MeshPolicy, role: typeof STABLE_SUBSET | typeof CANARY_SUBSET): string {
  return `${trimEndOf(policy.service.name.slice(0, 63 - role.length - 1), '-')}-${role}`;
}

/** One Service per side of the canary, selecting its pods by the version label, with the service's ports. */
export function renderVersionServices(policy: MeshPolicy): KubeObject[] {
  const { canary } = policy;
  if (!routesWithHttpRoute(policy) || !canary) return [];
  const sides = [
    [STABLE_SUBSET, canary.stableVersion],
    [CANARY_SUBSET, canary.canaryVersion],
  ] as const;
  return sides.map(([role, version]) => ({
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { ...serviceMetadata(policy), name: versionServiceName(policy, role) },
    spec: {
      selector: { app: appLabel(policy), version },
      ports: policy.service.ports.map(port => ({ name: port.name, port: port.number, targetPort: port.targetPort ?? port.number, protocol: 'TCP' })),
    },
  }));
}

/**
 * The mesh routing of an ambient service, as Istio advises for waypoints: an HTTPRoute attached to the
 * Service (GAMMA), the testers' header to the canary's Service, the rest split by weight, and the request
 * timeout. Waypoints support VirtualServices only as Alpha, and route to Services, not subsets.
 */
export function renderHttpRoute(policy: MeshPolicy): IstioObject<'HTTPRoute'> | undefined {
  const { canary, traffic } = policy;
  if (!routesWithHttpRoute(policy) || (!canary && !traffic?.timeout)) return undefined;
  const port = httpPort(policy);
  const backend = (name: string, weight?: number) => ({ group: '', kind: 'Service', name, port, ...(weight !== undefined ? { weight } : {}) });
  const timeouts = traffic?.timeout ? { request: traffic.timeout } : undefined;
  const weights = canary && canarySplit(canary.canaryWeight);
  const split = weights
    ? [backend(versionServiceName(policy, STABLE_SUBSET), weights.stable), backend(versionServiceName(policy, CANARY_SUBSET), weights.canary)]
    : [backend(policy.service.name)];
  const testers = canary?.headerMatch
    ? [
        {
          matches: [{ headers: [{ type: 'Exact' as const, name: canary.headerMatch.name, value: canary.headerMatch.value }] }],
          backendRefs: [backend(versionServiceName(policy, CANARY_SUBSET))],
          timeouts,
        },
      ]
    : [];
  return prune({
    apiVersion: 'gateway.networking.k8s.io/v1',
    kind: 'HTTPRoute',
    metadata: { ...serviceMetadata(policy), ...canaryAnalysisAnnotation(policy) },
    spec: {
      parentRefs: [{ group: '', kind: 'Service', name: policy.service.name, port }],
      rules: [...testers, { backendRefs: split, timeouts }],
    },
  });
}
