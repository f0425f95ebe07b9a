export { parseQuantity, cpuMillicores, memoryBytes, formatAmounts, formatCpu, formatMemory } from './quantity';
export {
  containerAmounts,
  injectorProxyDefaults,
  proxyResourcesAtInjection,
  sidecarResources,
  sumResources,
  ISTIO_DEFAULT_PROXY_RESOURCES,
} from './sidecarResources';
export type { Amounts, ContainerResourceAmounts, PodForInjection } from './sidecarResources';
export { estimateOverhead, overheadForPolicy, meshWideEstimate, ISTIO_PERFORMANCE_FIGURES } from './estimate';
export type { OverheadEstimate } from './estimate';
export { compareDataPlanes, sideBySide, DEFAULT_PODS_PER_NODE, WAYPOINT_DEFAULT_RESOURCES, ZTUNNEL_DEFAULT_RESOURCES } from './dataPlaneCost';
export type { DataPlaneComparison, DataPlaneCost, DataPlaneCostOptions, DataPlaneCostPart } from './dataPlaneCost';
