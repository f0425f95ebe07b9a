/**
 * Meshport's shared library: the mesh policy model, the manifest renderer, the config analyzers and
 * the sidecar overhead model. Pure functions with no I/O, for the browser and for Node.
 *
 * @packageDocumentation
 */

export { type FileChange, fileChanges } from './diff/fileChanges';
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
export { applyCanaryStep, type CanaryStep } from './model/canarySteps';
export { egressGatewayNamespaceIssues, type EgressIssue } from './model/egress';
export { policyFromForm, withoutEmptyValues } from './forms/formInput';
export { meshPolicyJsonSchema } from './model/jsonSchema';
export { mergePolicyInput } from './forms/mergePolicy';
export { editPolicy } from './forms/editPolicy';
export { type PolicyAfterChange, policyAfterChange, type ServicePolicyChange } from './forms/policyAfterChange';
export { policyInWords } from './forms/policyInWords';
export { NO_STORED_POLICY, POLICY_FILE, policyFileText } from './forms/policyFile';
export { FIELD_RULES, fieldRuleError, type FieldRuleName } from './forms/fieldRules';
export { canaryStepFromForm, type CanaryStepInput, withCanaryStep } from './forms/canaryStepInput';
export { MIGRATION_STEPS, type MigrationStep, type MigrationStepPlan, migrationSteps, TO_AMBIENT_STEPS, TO_SIDECAR_STEPS } from './model/migration';
export { type NamespacePolicy, type NamespacePolicyInput, namespacePolicySchema } from './model/namespacePolicy';
export { type CanaryPolicy, DEFAULT_INGRESS_GATEWAY_PRINCIPAL, type MeshPolicy, type MeshPolicyInput, meshPolicySchema } from './model/policy';
export { canarySplit, canaryWeight, dnsLabel, isDnsLabel } from './model/primitives';
export { resolveTemplateInput } from './forms/templateInputs';
export {
  type FieldError,
  fieldPath,
  formatFieldErrors,
  parseJwtSection,
  parseMeshPolicy,
  parseNamespacePolicy,
  type ParseResult,
  PolicyValidationError,
} from './model/validate';
export { compareDataPlanes, type DataPlaneComparison, type DataPlaneCost, type DataPlaneCostOptions, type DataPlaneCostPart } from './overhead/dataPlaneCost';
export { type OverheadEstimate, overheadForPolicy } from './overhead/estimate';
export { formatAmounts, formatCpu, formatMemory } from './overhead/quantity';
export type { Amounts, ContainerResourceAmounts } from './overhead/sidecarResources';
export { meshEntityStatusReadPermission, meshGitopsChangePermission } from './permissions';
export type { RenderedFile } from './render/files';
export { type KubeObject, objectRef, prune } from './render/kubeObject';
export { type RenderedPolicy, renderNamespacePolicy, renderPolicy } from './render/renderPolicy';
export {
  componentPrincipal,
  entityTarget,
  type EntityTarget,
  KUBERNETES_ID_ANNOTATION,
  KUBERNETES_LABEL_SELECTOR_ANNOTATION,
  KUBERNETES_NAMESPACE_ANNOTATION,
  targetFromSelector,
} from './catalog/entityTarget';
export { type EntityMeshSummary, HEALTH_RANK, statusSummary } from './api/statusSummary';
export type { components as MeshStatusApiSchemas, operations as MeshStatusApiOperations, paths as MeshStatusApiPaths } from './api/openapi.generated';
export { callerName, principalInWords } from './text/callerName';
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
  TrafficEdge,
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
  EntitySummaryAnswer,
  MergedFiles,
} from './api/statusTypes';
export { clusterObjectsFromFiles, isKustomizeDocument, type ManifestFile, objectsWithPatches } from './manifests/manifestFiles';
export { explainTraffic, type ExplainOptions, trafficExplainer } from './traffic/explain';
export type { CallerDataPlane, PolicyEffect, TrafficExplanation, TrafficHop, TrafficRequest } from './traffic/types';
export {
  type AccessChange,
  accessChanges,
  describeAccessChange,
  type KnownCaller,
  knownCallers,
  type ObservedCaller,
  withObservedCallers,
} from './traffic/accessDiff';
export { observedCallersOf } from './traffic/observedCallers';
export {
  containerAmounts,
  injectorProxyDefaults,
  ISTIO_DEFAULT_PROXY_RESOURCES,
  type PodForInjection,
  proxyResourcesAtInjection,
  sumResources,
} from './overhead/sidecarResources';
export { times } from './overhead/estimate';
export { DEFAULT_PODS_PER_NODE, sideBySide, WAYPOINT_DEFAULT_RESOURCES, ZTUNNEL_DEFAULT_RESOURCES } from './overhead/dataPlaneCost';
export { CANARY_ANALYSIS_ANNOTATION } from './model/canarySteps';
export { byAge, type ObjectKeys, policyScopeFor, policyTargets, targetScopeFor } from './traffic/policyScope';
export { workloadMtls } from './traffic/workloadMtls';
