export { parseQuantity, cpuMillicores, memoryBytes, formatCpu, formatMemory } from './quantity';
export { containerAmounts, injectorProxyDefaults, proxyResourcesAtInjection, sidecarResources, sumResources, ISTIO_DEFAULT_PROXY_RESOURCES } from './sidecarResources';
export type { Amounts, ContainerResourceAmounts, PodForInjection } from './sidecarResources';
export { estimateOverhead, overheadForPolicy, meshWideEstimate, ISTIO_PERFORMANCE_FIGURES } from './estimate';
export type { OverheadEstimate } from './estimate';
