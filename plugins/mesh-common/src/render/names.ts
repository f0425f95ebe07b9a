import { isHttpProtocol, MeshPolicy, needsWaypoint } from '../model';

/** Labels Meshport puts on everything it renders, so that objects can be traced back to their policy: a service's or a namespace's. */
export function managedLabels(owner: { service: string } | { namespace: string }): Record<string, string> {
  return {
    'app.kubernetes.io/managed-by': 'meshport',
    ...('service' in owner ? { 'meshport.io/service': owner.service } : { 'meshport.io/namespace': owner.namespace }),
  };
}

/** The value of the pods' "app" label. */
export function appLabel(policy: MeshPolicy): string {
  return policy.service.appLabel ?? policy.service.name;
}

/** The workload selector every per-service policy uses. */
export function workloadSelector(policy: MeshPolicy) {
  return { matchLabels: { app: appLabel(policy) } };
}

/**
 * Where a per-service policy attaches: the pods by label (a sidecar, or ztunnel in ambient mode), or, in
 * ambient mode with a waypoint, the Service, so that its waypoint enforces it (`targetRefs`).
 */
export function policyTarget(
  policy: MeshPolicy,
): { selector: ReturnType<typeof workloadSelector> } | { targetRefs: Array<{ group: string; kind: string; name: string }> } {
  if (needsWaypoint(policy)) return { targetRefs: [{ group: '', kind: 'Service', name: policy.service.name }] };
  return { selector: workloadSelector(policy) };
}

/** The service's cluster-local host name. */
export function serviceHost(policy: MeshPolicy): string {
  return `${policy.service.name}.${policy.service.namespace}.svc.cluster.local`;
}

/** The Kubernetes object name "<service>-<suffix>", cut to a valid DNS-1123 subdomain length. */
export function childName(policy: MeshPolicy, suffix?: string): string {
  const name = suffix ? `${policy.service.name}-${suffix}` : policy.service.name;
  return name.slice(0, 253);
}

/** Metadata for a per-service object. */
export function serviceMetadata(policy: MeshPolicy, suffix?: string) {
  return { name: childName(policy, suffix), namespace: policy.service.namespace, labels: managedLabels({ service: policy.service.name }) };
}

/** The subset names a canary uses. */
export const STABLE_SUBSET = 'stable';
export const CANARY_SUBSET = 'canary';

/** The port routes attach to: the first HTTP one, else the first. */
export function httpPort(policy: MeshPolicy): number {
  return (policy.service.ports.find(port => isHttpProtocol(port.protocol)) ?? policy.service.ports[0]).number;
}

/** The name of the service's ingress Gateway: the policy's, else "<service>-gateway". */
export function ingressGatewayName(policy: MeshPolicy): string {
  return policy.ingress?.gatewayName ?? childName(policy, 'gateway');
}
