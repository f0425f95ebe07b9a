export { parseQuantity, cpuMillicores, memoryBytes, formatCpu, formatMemory } from './quantity';
export { sidecarResources, sumResources, ISTIO_DEFAULT_PROXY_RESOURCES } from './sidecarResources';
export type { Amounts, ContainerResourceAmounts } from './sidecarResources';
export { estimateOverhead, overheadForPolicy, meshWideEstimate, ISTIO_PERFORMANCE_FIGURES } from './estimate';
export type { OverheadEstimate } from './estimate';
