import { KubeObject } from './kubeObject';

/**
 * One file of a rendered change: its path inside the service's folder and the objects it holds.
 *
 * @public
 */
export interface RenderedFile {
  path: string;
  objects: KubeObject[];
}

/** The order in which kinds are written: what others refer to comes first. */
const kindOrder = [
  'Namespace',
  'PeerAuthentication',
  'RequestAuthentication',
  'AuthorizationPolicy',
  'DestinationRule',
  'Gateway',
  'VirtualService',
  'Telemetry',
];

/** Sorts objects by kind order, then name: the same policy always renders the same files. */
export function sortObjects(objects: KubeObject[]): KubeObject[] {
  const rank = (kind: string) => {
    const index = kindOrder.indexOf(kind);
    return index === -1 ? kindOrder.length : index;
  };
  return [...objects].sort((a, b) => rank(a.kind) - rank(b.kind) || a.metadata.name.localeCompare(b.metadata.name));
}

/** "peerauthentication-payment-service.yaml": one object per file, named by kind and name. */
export function fileNameFor(object: KubeObject): string {
  return `${object.kind.toLowerCase()}-${object.metadata.name}.yaml`;
}

/** The kustomization.yaml listing the resource files. */
export function kustomization(resourceFiles: string[]): KubeObject {
  return {
    apiVersion: 'kustomize.config.k8s.io/v1beta1',
    kind: 'Kustomization',
    metadata: { name: 'meshport' },
    resources: resourceFiles,
  } as unknown as KubeObject;
}

/**
 * A kustomize Component that patches the workload's controller (and, in ambient mode with a waypoint, its
 * Service); an app overlay includes it with `components:`.
 */
export function sidecarComponent(patches: KubeObject[]): KubeObject {
  return {
    apiVersion: 'kustomize.config.k8s.io/v1alpha1',
    kind: 'Component',
    metadata: { name: 'meshport-sidecar' },
    patches: patches.map(patch => {
      const [group, version] = patch.apiVersion.includes('/') ? patch.apiVersion.split('/') : ['', patch.apiVersion];
      return { path: patchFileName(patch), target: { group, version, kind: patch.kind, name: patch.metadata.name } };
    }),
  } as unknown as KubeObject;
}

/** The patch's file name: "deployment-patch.yaml", "statefulset-patch.yaml"… */
export function patchFileName(patch: KubeObject): string {
  return `${patch.kind.toLowerCase()}-patch.yaml`;
}
