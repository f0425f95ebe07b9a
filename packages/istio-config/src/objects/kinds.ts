/**
 * The controllers of pods whose pod template Meshport patches (Rollout: Argo Rollouts).
 *
 * @public
 */
export const WORKLOAD_KINDS = ['Deployment', 'StatefulSet', 'DaemonSet', 'Rollout'] as const;

/**
 * A Kubernetes object as analyzers and the status read it: any object with apiVersion, kind and metadata.
 *
 * @public
 */
export interface AnalyzedObject {
  apiVersion?: string;
  kind: string;
  metadata: { name: string; namespace?: string; labels?: Record<string, string>; annotations?: Record<string, string> };
  spec?: any;
  [key: string]: unknown;
}

/**
 * The kinds that run pods: Pods, and the controllers whose pod templates Meshport patches.
 *
 * @public
 */
export const POD_RUNNING_KINDS: readonly string[] = ['Pod', ...WORKLOAD_KINDS];

/**
 * The kind an analyzer asks for: Gateway API Gateways are "KubernetesGateway", Istio's are "Gateway".
 *
 * @public
 */
export function kindKey(object: { apiVersion?: string; kind: string }): string {
  return object.kind === 'Gateway' && object.apiVersion?.startsWith('gateway.networking.k8s.io/') ? 'KubernetesGateway' : object.kind;
}

/**
 * The labels an object's pods carry: a Pod's own, a controller's pod template's.
 *
 * @public
 */
export function podLabelsOf(object: AnalyzedObject): Record<string, string> {
  if (object.kind === 'Pod') return object.metadata.labels ?? {};
  return object.spec?.template?.metadata?.labels ?? {};
}
