export * from './types';
export { parseLabelSelector, matchesLabelSelector } from '../labels/labelSelector';
export type { LabelRequirement } from '../labels/labelSelector';
export {
  AnnotationError,
  componentPrincipal,
  entityTarget,
  targetFromSelector,
  KUBERNETES_ID_ANNOTATION,
  KUBERNETES_LABEL_SELECTOR_ANNOTATION,
  KUBERNETES_NAMESPACE_ANNOTATION,
  MESH_SERVICE_ACCOUNT_ANNOTATION,
} from './entityTarget';
export type { EntityTarget } from './entityTarget';
export { ClusterObjectStore, storeFromDocuments } from './clusterObjectStore';
export type { EntitySlice } from './clusterObjectStore';
export { MESH_STATUS_KINDS, MESH_STATUS_RESOURCES, resourcePath } from './statusResources';
export type { MeshStatusResource } from './statusResources';
export { clusterStatusFromSlice, clusterErrorStatus, metricsTargetOf } from './clusterStatus';
export type { EntityMetrics } from './clusterStatus';
export { healthFromSamples, unknownHealth } from './health';
export {
  entityCallers,
  entityDryRunDenied,
  entityHealthSamples,
  entityOutboundCalls,
  entityPodUsage,
  fleetQueries,
  histogramQuantile,
  indexFleet,
} from './fleetMetrics';
export type { FleetIndex, FleetSamples, OutboundCall, ServiceRef } from './fleetMetrics';
export type { HealthSamples, MetricsTarget, Sample } from './health';
export type { PodUsage } from './overhead';
export { workloadsStatus, podMeshStatus, imageTag } from './workloads';
export { workloadMtls, securityStatus } from './security';
export { trafficStatus } from './traffic';
export { overheadStatus } from './overhead';
export { sectionsFedBy } from './sections';
export { statusSummary } from './summary';
export type { EntityMeshSummary } from './summary';
export { DEFAULT_RIGHT_SIZING, HISTORY_STEP_SECONDS, proxyHistoryQueries, recommendSidecarResources } from './rightSizing';
export type { ProxyHistory, RightSizingRule } from './rightSizing';
export { analyzeCanary, CANARY_ANALYSIS_ANNOTATION, DEFAULT_CANARY_THRESHOLDS, thresholdsFrom } from './canaryAnalysis';
export type { CanaryThresholds } from './canaryAnalysis';
export { assessHealth, DEFAULT_ERROR_RATE_THRESHOLDS, errorRateThresholdsFrom, HEALTH_THRESHOLDS_ANNOTATION } from './healthAssessment';
export type { ErrorRateThresholds } from './healthAssessment';
export { compareDesired } from './desiredVsLive';
export type { DesiredObject, LiveLookup } from './desiredVsLive';
export { gitopsControllersFor } from './gitopsControllers';
export { proxySyncFrom, withProxySync } from './proxySync';
export type { ProxySyncView } from './proxySync';
