import { injectorValues } from '@meshport/istio-config';
import { cpuMillicores, memoryBytes } from './quantity';

/**
 * CPU in millicores and memory in bytes; undefined where nothing is set.
 *
 * @public
 */
export interface Amounts {
  cpu?: number;
  memory?: number;
}

/**
 * A container's requests and limits.
 *
 * @public
 */
export interface ContainerResourceAmounts {
  requests: Amounts;
  limits: Amounts;
}

/**
 * Istio's default proxy resources (values.global.proxy.resources in the istiod chart).
 *
 * @public
 */
export const ISTIO_DEFAULT_PROXY_RESOURCES: ContainerResourceAmounts = {
  requests: { cpu: 100, memory: 128 * 1024 ** 2 },
  limits: { cpu: 2000, memory: 1024 * 1024 ** 2 },
};

/**
 * The sidecar's resources for a pod with these annotations, as Istio's "sidecar" injection template
 * decides them: when any of the four resource annotations is set, the annotations replace the defaults
 * entirely (an annotation left out stays unset); otherwise the mesh defaults apply.
 */
export function sidecarResources(
  annotations: Record<string, string | undefined> = {},
  meshDefaults: ContainerResourceAmounts = ISTIO_DEFAULT_PROXY_RESOURCES,
): ContainerResourceAmounts {
  const cpu = annotations['sidecar.istio.io/proxyCPU'];
  const memory = annotations['sidecar.istio.io/proxyMemory'];
  const cpuLimit = annotations['sidecar.istio.io/proxyCPULimit'];
  const memoryLimit = annotations['sidecar.istio.io/proxyMemoryLimit'];
  if (cpu === undefined && memory === undefined && cpuLimit === undefined && memoryLimit === undefined) {
    return { requests: { ...meshDefaults.requests }, limits: { ...meshDefaults.limits } };
  }
  return { requests: readAmounts(cpu, memory), limits: readAmounts(cpuLimit, memoryLimit) };
}

/**
 * CPU and memory read from quantities. Annotations and ConfigMaps are not checked by the API server: a value
 * that is no quantity counts as unset (Istio could not inject it either) instead of failing the estimate.
 */
function readAmounts(cpu: unknown, memory: unknown): Amounts {
  const read = (value: unknown, convert: (text: string) => number) => {
    if (value === undefined || value === null) return undefined;
    try {
      return convert(String(value));
    } catch {
      return undefined;
    }
  };
  return { cpu: read(cpu, cpuMillicores), memory: read(memory, memoryBytes) };
}

/**
 * A container's resources block read as amounts.
 *
 * @public
 */
export function containerAmounts(
  container: { resources?: { requests?: Record<string, unknown>; limits?: Record<string, unknown> } } | undefined,
): ContainerResourceAmounts {
  const { requests, limits } = container?.resources ?? {};
  return { requests: readAmounts(requests?.cpu, requests?.memory), limits: readAmounts(limits?.cpu, limits?.memory) };
}

/**
 * A pod (or pod template) as injection sees it.
 *
 * @public
 */
export interface PodForInjection {
  annotations?: Record<string, string | undefined>;
  containers?: Array<{ name?: string; resources?: { requests?: Record<string, unknown>; limits?: Record<string, unknown> } }>;
}

/**
 * The proxy resources Istio's injector gives a pod: the templates it names (`inject.istio.io/templates`,
 * default "sidecar"; the "gateway" template sets no default resources, only what the annotations ask),
 * then the pod's own `istio-proxy` container, whose resources override the injected ones field by field.
 *
 * @public
 */
export function proxyResourcesAtInjection(
  pod: PodForInjection,
  meshDefaults: ContainerResourceAmounts = ISTIO_DEFAULT_PROXY_RESOURCES,
): ContainerResourceAmounts {
  const annotations = pod.annotations ?? {};
  const templates = (annotations['inject.istio.io/templates'] ?? 'sidecar').split(',').map(t => t.trim());
  const defaults = templates.includes('sidecar') ? meshDefaults : { requests: {}, limits: {} };
  const injected = sidecarResources(annotations, defaults);
  const own = containerAmounts(pod.containers?.find(c => c?.name === 'istio-proxy'));
  const merge = (a: Amounts, b: Amounts): Amounts => ({ cpu: b.cpu ?? a.cpu, memory: b.memory ?? a.memory });
  return { requests: merge(injected.requests, own.requests), limits: merge(injected.limits, own.limits) };
}

/**
 * The mesh's default proxy resources from an injector ConfigMap ("istio-sidecar-injector"): its "values"
 * JSON's global.proxy.resources; undefined when it cannot be read.
 *
 * @public
 */
export function injectorProxyDefaults(configMap: { data?: Record<string, string> } | undefined): ContainerResourceAmounts | undefined {
  const resources = injectorValues(configMap).global?.proxy?.resources;
  return resources && typeof resources === 'object' ? containerAmounts({ resources }) : undefined;
}

/**
 * The sum of several containers' resources; a missing value counts as zero.
 *
 * @public
 */
export function sumResources(containers: ContainerResourceAmounts[]): ContainerResourceAmounts {
  const add = (key: 'requests' | 'limits', field: 'cpu' | 'memory') => containers.reduce((sum, c) => sum + (c[key][field] ?? 0), 0);
  return {
    requests: { cpu: add('requests', 'cpu'), memory: add('requests', 'memory') },
    limits: { cpu: add('limits', 'cpu'), memory: add('limits', 'memory') },
  };
}
