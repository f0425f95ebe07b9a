import { cpuMillicores, memoryBytes } from './quantity';

/** CPU in millicores and memory in bytes; undefined where nothing is set. */
export interface Amounts {
  cpu?: number;
  memory?: number;
}

/** A container's requests and limits. */
export interface ContainerResourceAmounts {
  requests: Amounts;
  limits: Amounts;
}

/** Istio's default proxy resources (values.global.proxy.resources in the istiod chart). */
export const ISTIO_DEFAULT_PROXY_RESOURCES: ContainerResourceAmounts = {
  requests: { cpu: 100, memory: 128 * 1024 ** 2 },
  limits: { cpu: 2000, memory: 1024 * 1024 ** 2 },
};

/**
 * The sidecar's resources for a pod with these annotations, as Istio's injection template decides
 * them: when any of the four resource annotations is set, the annotations replace the defaults
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
  return {
    requests: { cpu: cpu !== undefined ? cpuMillicores(cpu) : undefined, memory: memory !== undefined ? memoryBytes(memory) : undefined },
    limits: { cpu: cpuLimit !== undefined ? cpuMillicores(cpuLimit) : undefined, memory: memoryLimit !== undefined ? memoryBytes(memoryLimit) : undefined },
  };
}

/** The sum of several containers' resources; a missing value counts as zero. */
export function sumResources(containers: ContainerResourceAmounts[]): ContainerResourceAmounts {
  const add = (key: 'requests' | 'limits', field: 'cpu' | 'memory') => containers.reduce((sum, c) => sum + (c[key][field] ?? 0), 0);
  return {
    requests: { cpu: add('requests', 'cpu'), memory: add('requests', 'memory') },
    limits: { cpu: add('limits', 'cpu'), memory: add('limits', 'memory') },
  };
}
