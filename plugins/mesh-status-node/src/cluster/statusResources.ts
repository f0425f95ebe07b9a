/**
 * A kind the status reads from a cluster, and where its API serves it.
 *
 * @public
 */
export interface MeshStatusResource {
  kind: string;
  /** The store's name for the kind when it differs ("KubernetesGateway" for Gateway API Gateways). */
  storeKind?: string;
  apiVersion: string;
  /** The resource's plural name in its API path. */
  plural: string;
  /** A kind whose CustomResourceDefinition a cluster may lack: a 404 means it has none, not a failure. */
  optional?: boolean;
  /** Read in the mesh's root namespace only: ConfigMaps elsewhere are not the mesh's. */
  rootNamespaceOnly?: boolean;
}

/**
 * Every kind the status reads: workloads, Istio's kinds, waypoints, the mesh's ConfigMaps, GitOps controllers.
 *
 * @public
 */
export const MESH_STATUS_RESOURCES: readonly MeshStatusResource[] = [
  { kind: 'Namespace', apiVersion: 'v1', plural: 'namespaces' },
  { kind: 'Pod', apiVersion: 'v1', plural: 'pods' },
  { kind: 'Service', apiVersion: 'v1', plural: 'services' },
  { kind: 'Deployment', apiVersion: 'apps/v1', plural: 'deployments' },
  { kind: 'PeerAuthentication', apiVersion: 'security.istio.io/v1', plural: 'peerauthentications' },
  { kind: 'AuthorizationPolicy', apiVersion: 'security.istio.io/v1', plural: 'authorizationpolicies' },
  { kind: 'RequestAuthentication', apiVersion: 'security.istio.io/v1', plural: 'requestauthentications' },
  { kind: 'VirtualService', apiVersion: 'networking.istio.io/v1', plural: 'virtualservices' },
  { kind: 'DestinationRule', apiVersion: 'networking.istio.io/v1', plural: 'destinationrules' },
  { kind: 'Gateway', apiVersion: 'networking.istio.io/v1', plural: 'gateways' },
  { kind: 'StatefulSet', apiVersion: 'apps/v1', plural: 'statefulsets' },
  { kind: 'DaemonSet', apiVersion: 'apps/v1', plural: 'daemonsets' },
  { kind: 'ServiceEntry', apiVersion: 'networking.istio.io/v1', plural: 'serviceentries' },
  { kind: 'Sidecar', apiVersion: 'networking.istio.io/v1', plural: 'sidecars' },
  { kind: 'Telemetry', apiVersion: 'telemetry.istio.io/v1', plural: 'telemetries' },
  // Waypoints: a sidecar-only mesh may not have the Gateway API installed.
  { kind: 'Gateway', storeKind: 'KubernetesGateway', apiVersion: 'gateway.networking.k8s.io/v1', plural: 'gateways', optional: true },
  // Argo Rollouts, one of the controllers a policy may patch.
  { kind: 'Rollout', apiVersion: 'argoproj.io/v1alpha1', plural: 'rollouts', optional: true },
  // The GitOps controller that applies the mesh folders, if the cluster runs Argo CD or Flux.
  { kind: 'Application', apiVersion: 'argoproj.io/v1alpha1', plural: 'applications', optional: true },
  { kind: 'Kustomization', apiVersion: 'kustomize.toolkit.fluxcd.io/v1', plural: 'kustomizations', optional: true },
  // The injector's values and the mesh config.
  { kind: 'ConfigMap', apiVersion: 'v1', plural: 'configmaps', rootNamespaceOnly: true },
];

/** The store's name for each kind the status reads. */
export const MESH_STATUS_KINDS: readonly string[] = MESH_STATUS_RESOURCES.map(resource => resource.storeKind ?? resource.kind);

/**
 * Where the API serves a resource's objects: cluster-wide, or in the root namespace.
 *
 * @public
 */
export function resourcePath(resource: MeshStatusResource, rootNamespace: string): string {
  const api = resource.apiVersion === 'v1' ? '/api/v1' : `/apis/${resource.apiVersion}`;
  return resource.rootNamespaceOnly ? `${api}/namespaces/${encodeURIComponent(rootNamespace)}/${resource.plural}` : `${api}/${resource.plural}`;
}
