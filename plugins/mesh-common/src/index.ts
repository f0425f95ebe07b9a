/**
 * Meshport's shared library: the mesh policy model, the manifest renderer, the config analyzers and
 * the sidecar overhead model. Pure functions with no I/O, for the browser and for Node.
 *
 * @packageDocumentation
 */

export { AnalysisIndex } from './analyze/analysisIndex';
export { analyze, hasErrors } from './analyze/analyze';
export { describeCode, FINDING_CODES } from './analyze/codes';
export type { CodeDescription } from './analyze/codes';
export type { MeshService, ServiceHostMap } from './analyze/istio/serviceLookup';
export type { AnalysisOptions, AnalyzedObject, Analyzer, AnalyzerContext, Finding, FindingLevel, MeshConfigView } from './analyze/types';
export { fileChanges } from './diff/fileChanges';
export type { FileChange } from './diff/fileChanges';
export { lineDiff } from './diff/lineDiff';
export {
  ambientL4PolicyExample,
  ambientNamespacePolicyExample,
  ambientWaypointPolicyExample,
  egressPolicyExample,
  minimalPolicyExample,
  namespacePolicyExample,
  paymentServicePolicyExample,
  scopedPolicyExample,
} from './examples';
export { isRecord } from './isRecord';
export { matchesLabelSelector, parseLabelSelector } from './labels/labelSelector';
export type { LabelRequirement } from './labels/labelSelector';
export { applyCanaryStep } from './model/canarySteps';
export type { CanaryStep } from './model/canarySteps';
export { policyFromForm, withoutEmptyValues } from './forms/formInput';
export { meshPolicyJsonSchema } from './model/jsonSchema';
export { mergePolicyInput } from './forms/mergePolicy';
export { MIGRATION_STEPS, migrationSteps, TO_AMBIENT_STEPS, TO_SIDECAR_STEPS } from './model/migration';
export type { MigrationStep, MigrationStepPlan } from './model/migration';
export { namespacePolicySchema } from './model/namespacePolicy';
export type { NamespacePolicy, NamespacePolicyInput } from './model/namespacePolicy';
export { meshPolicySchema } from './model/policy';
export type { CanaryPolicy, MeshPolicy, MeshPolicyInput } from './model/policy';
export { canarySplit, canaryWeight, dnsLabel, isDnsLabel } from './model/primitives';
export { resolveTemplateInput } from './forms/templateInputs';
export { fieldPath, formatFieldErrors, parseJwtSection, parseMeshPolicy, parseNamespacePolicy, PolicyValidationError } from './model/validate';
export type { FieldError, ParseResult } from './model/validate';
export { compareDataPlanes } from './overhead/dataPlaneCost';
export type { DataPlaneComparison, DataPlaneCost, DataPlaneCostOptions, DataPlaneCostPart } from './overhead/dataPlaneCost';
export { overheadForPolicy } from './overhead/estimate';
export type { OverheadEstimate } from './overhead/estimate';
export { formatAmounts, formatCpu, formatMemory } from './overhead/quantity';
export type { Amounts, ContainerResourceAmounts } from './overhead/sidecarResources';
export { meshEntityStatusReadPermission, meshGitopsChangePermission } from './permissions';
export type { RenderedFile } from './render/files';
export { objectRef, prune } from './render/kubeObject';
export type { KubeObject } from './render/kubeObject';
export { renderNamespacePolicy, renderPolicy } from './render/renderPolicy';
export type { RenderedPolicy } from './render/renderPolicy';
export { DEFAULT_CANARY_THRESHOLDS } from './status/canaryAnalysis';
export type { CanaryThresholds } from './status/canaryAnalysis';
export { ClusterObjectStore, storeFromDocuments } from './cluster/clusterObjectStore';
export type { EntitySlice } from './cluster/clusterObjectStore';
export { clusterErrorStatus, clusterStatusFromSlice, metricsTargetOf } from './status/clusterStatus';
export type { EntityMetrics } from './status/clusterStatus';
export { compareDesired } from './status/desiredVsLive';
export type { DesiredObject, LiveLookup } from './status/desiredVsLive';
export {
  componentPrincipal,
  entityTarget,
  KUBERNETES_ID_ANNOTATION,
  KUBERNETES_LABEL_SELECTOR_ANNOTATION,
  KUBERNETES_NAMESPACE_ANNOTATION,
  targetFromSelector,
} from './catalog/entityTarget';
export type { EntityTarget } from './catalog/entityTarget';
export { entityCallers, entityDryRunDenied, entityHealthSamples, entityOutboundCalls, entityPodUsage, fleetQueries, indexFleet } from './metrics/fleetMetrics';
export type { FleetIndex, FleetSamples, OutboundCall, PodUsageEntry, RangeSeries, ServiceRef, ServiceSamples } from './metrics/fleetMetrics';
export { gitopsControllersFor } from './status/gitopsControllers';
export { healthFromSamples, unknownHealth } from './metrics/health';
export type { HealthSamples, MetricsTarget, Sample } from './metrics/health';
export { DEFAULT_ERROR_RATE_THRESHOLDS, errorRateThresholdsFrom, HEALTH_THRESHOLDS_ANNOTATION } from './status/healthAssessment';
export type { ErrorRateThresholds } from './status/healthAssessment';
export type { PodUsage } from './status/overhead';
export { proxySyncFrom } from './status/proxySync';
export type { ProxySyncView } from './status/proxySync';
export { DEFAULT_RIGHT_SIZING, HISTORY_STEP_SECONDS, proxyHistoryQueries, recommendSidecarResources } from './status/rightSizing';
export type { ProxyHistory, RightSizingRule } from './status/rightSizing';
export { sectionsFedBy } from './status/sections';
export { MESH_STATUS_RESOURCES, resourcePath } from './cluster/statusResources';
export type { MeshStatusResource } from './cluster/statusResources';
export { statusSummary } from './status/summary';
export type { EntityMeshSummary } from './status/summary';
export type {
  AfterMergeStatus,
  AuthorizationPolicySummary,
  CallerCheck,
  CanaryAnalysis,
  CanaryCheck,
  CanarySplitEntry,
  CanaryStatus,
  ClusterError,
  ClusterMeshStatus,
  ContainerUsage,
  ControllerMeshStatus,
  DegradedKind,
  DestinationRuleSummary,
  DryRunStatus,
  EffectiveMtlsMode,
  EntityMeshStatus,
  GitOpsControllerStatus,
  HealthAssessment,
  HealthState,
  HealthStatus,
  LatencyMs,
  MtlsSource,
  NamespaceInjection,
  ObjectDrift,
  OverheadStatus,
  PendingChange,
  PendingChangesStatus,
  PodAmbientStatus,
  PodDataPlane,
  PodMeshStatus,
  PodOverhead,
  PolicyEnforcer,
  PolicyScope,
  PortMtls,
  ProxyStatus,
  ProxySync,
  RequestAuthenticationSummary,
  RouteDestination,
  RouteSummary,
  SecurityStatus,
  ServiceSummary,
  SidecarRightSizing,
  StatusSection,
  TrafficFigures,
  TrafficStatus,
  VersionHealth,
  VersionSeries,
  VirtualServiceSummary,
  WaypointBinding,
  WaypointStatus,
  WorkloadKind,
  WorkloadMtls,
  WorkloadsStatus,
} from './api/statusTypes';
export { clusterObjectsFromFiles, isKustomizeDocument } from './manifests/manifestFiles';
export type { ManifestFile } from './manifests/manifestFiles';
export { parseYaml, toYaml, YamlParseError } from './yaml/serialize';
