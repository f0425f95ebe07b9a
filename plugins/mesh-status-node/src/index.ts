/**
 * Meshport's live mesh status for Node: the watch cache of each cluster's objects (`ClusterObjectStore`),
 * the fleet's Prometheus answers (`fleetQueries`, `indexFleet`), and each entity's status assembled from
 * both (`clusterStatusFromSlice`). The status API and the CLI use it; the browser never loads it.
 *
 * @packageDocumentation
 */

export type { AnalysisMode } from './cluster/clusterAnalysis';
export { ClusterObjectStore, storeFromDocuments, type EntitySlice } from './cluster/clusterObjectStore';
export { MESH_STATUS_RESOURCES, resourcePath, type MeshStatusResource } from './cluster/statusResources';
export {
  entityCallers,
  entityDryRunDenied,
  entityHealthSamples,
  entityOutboundCalls,
  entityPodUsage,
  fleetQueries,
  indexFleet,
  type FleetIndex,
  type FleetSamples,
  type OutboundCall,
  type PodUsageEntry,
  type RangeSeries,
  type ServiceRef,
  type ServiceSamples,
} from './metrics/fleetMetrics';
export { healthFromSamples, unknownHealth, type HealthSamples, type MetricsTarget, type Sample } from './metrics/health';
export { edgeQueries, entityTrafficEdges, refusedEdges, type EdgeIndex, type MeasuredEdge } from './metrics/trafficEdges';
export { DEFAULT_CANARY_THRESHOLDS, type CanaryThresholds } from './status/canaryAnalysis';
export {
  clusterErrorStatus,
  clusterStatusFromSlice,
  metricsTargetOf,
  type EntityMetrics,
  type StatusInputs,
  type StatusSettings,
} from './status/clusterStatus';
export { compareDesired, type DesiredObject, type LiveLookup } from './status/desiredVsLive';
export { gitopsControllersFor } from './status/gitopsControllers';
export { DEFAULT_ERROR_RATE_THRESHOLDS, errorRateThresholdsFrom, HEALTH_THRESHOLDS_ANNOTATION, type ErrorRateThresholds } from './status/healthAssessment';
export type { PodUsage } from './status/overhead';
export { proxySyncFrom, proxySyncFromClientConfigs, type ProxySyncView, type SynczClientConfig } from './status/proxySync';
export {
  DEFAULT_RIGHT_SIZING,
  HISTORY_STEP_SECONDS,
  proxyHistoryQueries,
  recommendSidecarResources,
  type ProxyHistory,
  type RightSizingRule,
} from './status/rightSizing';
export { sectionsFedBy } from './status/sections';
