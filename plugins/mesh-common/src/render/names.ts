import { MeshPolicy } from '../model';

/** Labels Meshport puts on everything it renders, so that objects can be traced back to their policy. */
export function managedLabels(policy: MeshPolicy): Record<string, string> {
  return { 'app.kubernetes.io/managed-by': 'meshport', 'meshport.io/service': policy.service.name };
}

/** The value of the pods' "app" label. */
export function appLabel(policy: MeshPolicy): string {
  return policy.service.appLabel ?? policy.service.name;
}

/** The workload selector every per-service policy uses. */
export function workloadSelector(policy: MeshPolicy) {
  return { matchLabels: { app: appLabel(policy) } };
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
  return { name: childName(policy, suffix), namespace: policy.service.namespace, labels: managedLabels(policy) };
}

/** The subset names a canary uses. */
export const STABLE_SUBSET = 'stable';
export const CANARY_SUBSET = 'canary';
