import { AnalyzedObject } from '../objects/kinds';

/** @public */
export const PROXY_CONTAINER = 'istio-proxy';
/** @public */
export const INJECTION_LABEL = 'istio-injection';
/** @public */
export const REVISION_LABEL = 'istio.io/rev';
/** @public */
export const DATAPLANE_MODE_LABEL = 'istio.io/dataplane-mode';
/** @public */
export const SIDECAR_INJECT = 'sidecar.istio.io/inject';
/** @public */
export const AMBIENT_REDIRECTION = 'ambient.istio.io/redirection';
export const GATEWAY_MANAGED_LABEL = 'gateway.istio.io/managed';
export const WAYPOINT_CONTROLLER = 'istio.io-mesh-controller';
export const GATEWAY_CONTROLLERS = ['istio.io-gateway-controller', WAYPOINT_CONTROLLER, 'istio.io-eastwest-controller'];
/** @public */
export const K8S_GATEWAY_NAME_LABEL = 'gateway.networking.k8s.io/gateway-name';

/**
 * How a namespace's labels set sidecar injection: istio-injection=disabled or =enabled (`label`) first,
 * then istio.io/rev (`revision`), else `off`. The one reading of these labels that status and analyzers share.
 *
 * @public
 */
export function namespaceInjectionMode(labels: Record<string, string>): { mode: 'label' | 'revision' | 'disabled' | 'off'; revision?: string } {
  if (labels[INJECTION_LABEL] === 'disabled') return { mode: 'disabled' };
  if (labels[INJECTION_LABEL] === 'enabled') return { mode: 'label' };
  if (labels[REVISION_LABEL]) return { mode: 'revision', revision: labels[REVISION_LABEL] };
  return { mode: 'off' };
}

/** Whether a pod (or a pod template's labels, annotations and containers) is in the sidecar mesh, after util.inMesh. */
function inMesh(annotations: Record<string, string>, labels: Record<string, string>, containers: any[], namespace: AnalyzedObject | undefined): boolean {
  if (containers.some(container => container?.name === PROXY_CONTAINER && container?.image)) return true;
  if (SIDECAR_INJECT in labels) return labels[SIDECAR_INJECT] === 'true';
  if (SIDECAR_INJECT in annotations) return annotations[SIDECAR_INJECT] === 'true';
  return namespaceInjectionMode(namespace?.metadata.labels ?? {}).mode === 'label';
}

/** A pod with a proxy, or one injection would give one (its label, its annotation, its namespace's istio-injection=enabled). */
export function podInMesh(pod: AnalyzedObject, namespace: AnalyzedObject | undefined): boolean {
  return inMesh(pod.metadata.annotations ?? {}, pod.metadata.labels ?? {}, [...(pod.spec?.containers ?? []), ...(pod.spec?.initContainers ?? [])], namespace);
}

/** The same for a Deployment's pod template (its containers only). */
export function deploymentInMesh(deployment: AnalyzedObject, namespace: AnalyzedObject | undefined): boolean {
  const template = deployment.spec?.template ?? {};
  return inMesh(template.metadata?.annotations ?? {}, template.metadata?.labels ?? {}, template.spec?.containers ?? [], namespace);
}

/** A pod the ambient CNI agent redirects. */
export function podInAmbientMode(pod: AnalyzedObject | undefined): boolean {
  return pod?.metadata.annotations?.[AMBIENT_REDIRECTION] === 'enabled';
}

/**
 * A namespace enrolled in ambient mode (and not also in sidecar injection).
 *
 * @public
 */
export function namespaceInAmbientMode(namespace: AnalyzedObject | undefined): boolean {
  const labels = namespace?.metadata.labels ?? {};
  const { mode } = namespaceInjectionMode(labels);
  if (!namespace || mode === 'label' || mode === 'revision') return false;
  return labels[DATAPLANE_MODE_LABEL] === 'ambient';
}

/** Istio's own control-plane objects: a label "istio", or release=istio. */
export function isIstioControlPlane(object: AnalyzedObject): boolean {
  const labels = object.metadata.labels ?? {};
  return 'istio' in labels || labels.release === 'istio';
}

/**
 * The "values" JSON of an injector ConfigMap, what its injection templates read (hub, tag, proxy image and
 * resources, enableNamespacesByDefault); an empty object when it is missing or cannot be read.
 *
 * @public
 */
export function injectorValues(configMap: { data?: Record<string, string> } | undefined): Record<string, any> {
  try {
    const values = JSON.parse(configMap?.data?.values ?? '');
    return values && typeof values === 'object' ? values : {};
  } catch {
    return {};
  }
}

/**
 * The injector ConfigMap of a revision.
 *
 * @public
 */
export function injectorConfigMapName(revision: string | undefined): string {
  return !revision || revision === 'default' ? 'istio-sidecar-injector' : `istio-sidecar-injector-${revision}`;
}

/**
 * The pod's Envoy container: a classic `istio-proxy` container or a native sidecar (init container, restartPolicy Always).
 *
 * @public
 */
export function findProxyContainer(pod: AnalyzedObject): { container: any; native: boolean } | undefined {
  const classic = (pod.spec?.containers ?? []).find((c: any) => c?.name === PROXY_CONTAINER);
  if (classic) return { container: classic, native: false };
  const native = (pod.spec?.initContainers ?? []).find((c: any) => c?.name === PROXY_CONTAINER && c?.restartPolicy === 'Always');
  return native ? { container: native, native: true } : undefined;
}

/**
 * Istio's pod annotations for the proxy's resources, by the policy field that sets them.
 *
 * @public
 */
export const PROXY_RESOURCE_ANNOTATIONS = {
  cpuRequest: 'sidecar.istio.io/proxyCPU',
  cpuLimit: 'sidecar.istio.io/proxyCPULimit',
  memoryRequest: 'sidecar.istio.io/proxyMemory',
  memoryLimit: 'sidecar.istio.io/proxyMemoryLimit',
} as const;
