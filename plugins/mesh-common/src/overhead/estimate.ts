import { PROXY_RESOURCE_ANNOTATIONS } from '@meshport/istio-config';
import { getsSidecar, MeshPolicy, MeshPolicyInput, parseMeshPolicy, PolicyValidationError } from '../model';
import { cpuMillicores, memoryBytes } from './quantity';
import { Amounts, ContainerResourceAmounts, ISTIO_DEFAULT_PROXY_RESOURCES, sidecarResources } from './sidecarResources';

/**
 * Istio's published load-test figures (1000 services, 2000 sidecars, 70,000 requests per second):
 * an Envoy proxy uses 0.35 vCPU and 40 MB per 1000 requests per second through it; istiod uses
 * 1 vCPU and 1.5 GB.
 */
export const ISTIO_PERFORMANCE_FIGURES = {
  proxyCpuMillicoresPer1000Rps: 350,
  proxyMemoryBytesPer1000Rps: 40 * 1000 ** 2,
  istiodCpuMillicores: 1000,
  istiodMemoryBytes: 1.5 * 1000 ** 3,
};

/**
 * Sidecar against application, per pod and in total, with the sidecar's share of the application.
 *
 * @public
 */
export interface OverheadEstimate {
  replicas: number;
  perPod: { sidecar: ContainerResourceAmounts; app?: ContainerResourceAmounts };
  total: { sidecar: ContainerResourceAmounts; app?: ContainerResourceAmounts };
  /** Sidecar as a percentage of the app's own value; undefined where the app sets none. */
  sharePercent: { requests: Amounts; limits: Amounts };
}

/**
 * Resources scaled by a count (or a share); an unset amount stays unset.
 *
 * @public
 */
export function times(resources: ContainerResourceAmounts, n: number): ContainerResourceAmounts {
  const scale = (a: Amounts): Amounts => ({
    cpu: a.cpu === undefined ? undefined : a.cpu * n,
    memory: a.memory === undefined ? undefined : a.memory * n,
  });
  return { requests: scale(resources.requests), limits: scale(resources.limits) };
}

function percentOf(part: number | undefined, whole: number | undefined): number | undefined {
  if (part === undefined || !whole) return undefined;
  return Math.round((part / whole) * 1000) / 10;
}

/** The overhead of sidecars on `replicas` pods, given both containers' resources. */
export function estimateOverhead(sidecar: ContainerResourceAmounts, app: ContainerResourceAmounts | undefined, replicas: number): OverheadEstimate {
  const share = (key: 'requests' | 'limits'): Amounts => ({
    cpu: percentOf(sidecar[key].cpu, app?.[key].cpu),
    memory: percentOf(sidecar[key].memory, app?.[key].memory),
  });
  return {
    replicas,
    perPod: { sidecar, app },
    total: { sidecar: times(sidecar, replicas), app: app ? times(app, replicas) : undefined },
    sharePercent: { requests: share('requests'), limits: share('limits') },
  };
}

/** The sidecar a policy's pods get, following Istio's injection semantics for its resource annotations. */
export function policySidecarResources(policy: MeshPolicy, meshDefaults: ContainerResourceAmounts = ISTIO_DEFAULT_PROXY_RESOURCES): ContainerResourceAmounts {
  const resources = policy.injection.proxyResources ?? {};
  const annotations = Object.fromEntries(
    Object.entries(PROXY_RESOURCE_ANNOTATIONS).map(([field, annotation]) => [annotation, resources[field as keyof typeof resources]]),
  );
  return sidecarResources(annotations, meshDefaults);
}

/**
 * The overhead a policy will cause, following Istio's injection semantics for its annotations (none in ambient mode).
 *
 * @public
 */
export function overheadForPolicy(
  input: MeshPolicyInput | MeshPolicy,
  meshDefaults: ContainerResourceAmounts = ISTIO_DEFAULT_PROXY_RESOURCES,
): OverheadEstimate {
  const parsed = parseMeshPolicy(input);
  if (!parsed.ok) throw new PolicyValidationError(parsed.errors);
  const policy = parsed.value;
  const { service } = policy;
  const sidecar = getsSidecar(policy) ? policySidecarResources(policy, meshDefaults) : { requests: {}, limits: {} };
  const appResources = service.appResources;
  const app = appResources
    ? {
        requests: {
          cpu: appResources.cpuRequest ? cpuMillicores(appResources.cpuRequest) : undefined,
          memory: appResources.memoryRequest ? memoryBytes(appResources.memoryRequest) : undefined,
        },
        limits: {
          cpu: appResources.cpuLimit ? cpuMillicores(appResources.cpuLimit) : undefined,
          memory: appResources.memoryLimit ? memoryBytes(appResources.memoryLimit) : undefined,
        },
      }
    : undefined;
  return estimateOverhead(sidecar, app, service.replicas);
}

/** A mesh-wide estimate from Istio's figures: what the proxies use at a request rate, and istiod. */
export function meshWideEstimate(options: { sidecars: number; requestsPerSecond: number; istiodReplicas?: number }) {
  const figures = ISTIO_PERFORMANCE_FIGURES;
  const thousands = options.requestsPerSecond / 1000;
  return {
    dataPlane: { cpu: thousands * figures.proxyCpuMillicoresPer1000Rps, memory: thousands * figures.proxyMemoryBytesPer1000Rps, sidecars: options.sidecars },
    controlPlane: { cpu: (options.istiodReplicas ?? 1) * figures.istiodCpuMillicores, memory: (options.istiodReplicas ?? 1) * figures.istiodMemoryBytes },
  };
}
