/**
 * Istio configuration as Istio reads it: YAML documents and lists, object kinds and indexes, label
 * selectors, mesh membership, hosts and waypoints, and the config analyzers (istioctl analyze's, and
 * Meshport's own checks of what it renders). No I/O; runs in the browser and in Node.
 *
 * @packageDocumentation
 */

export { AnalysisIndex, normalizeObjects } from './analyze/analysisIndex';
export { analysisSteps, analyze, hasErrors } from './analyze/analyze';
export { describeCode, FINDING_CODES, type CodeDescription } from './analyze/codes';
export { finding, FINDING_LEVEL_RANK, resourceName } from './analyze/findings';
export type { AnalysisOptions, Analyzer, AnalyzerContext, Finding, FindingLevel, MeshConfigView } from './analyze/types';
export { isRecord } from './isRecord';
export { httpAttributes } from './istio/authorizationAttributes';
export { convertHostToFqdn, exportedTo, shortOrFullName } from './istio/hosts';
export { inboundPortBypassed } from './istio/interception';
export { outboundPolicyOf } from './istio/meshConfig';
export {
  AMBIENT_REDIRECTION,
  DATAPLANE_MODE_LABEL,
  findProxyContainer,
  INJECTION_LABEL,
  injectorConfigMapName,
  injectorValues,
  K8S_GATEWAY_NAME_LABEL,
  namespaceInAmbientMode,
  namespaceInjectionMode,
  PROXY_CONTAINER,
  PROXY_RESOURCE_ANNOTATIONS,
  REVISION_LABEL,
  SIDECAR_INJECT,
} from './istio/meshMembership';
export { selectorMatches, selectorString, servicesForPods } from './istio/selectors';
export type { MeshService, ServiceHostMap } from './istio/serviceLookup';
export { isZtunnelPod, namedWaypoints, USE_WAYPOINT_LABEL, waypointLabel, ZTUNNEL_POD_LABEL, type WaypointBinding, type WaypointRef } from './istio/waypoints';
export { equalityLabels, matchesLabelSelector, parseLabelSelector, type LabelRequirement } from './labels/labelSelector';
export { kindKey, POD_RUNNING_KINDS, podLabelsOf, WORKLOAD_KINDS, type AnalyzedObject } from './objects/kinds';
export { expandLists } from './objects/lists';
export { ObjectIndex } from './objects/objectIndex';
export { containerPorts, workloadView, type WorkloadView } from './objects/workloads';
export { trimEndOf } from './text/trimEnd';
export { parseYaml, toYaml, YamlParseError } from './yaml/serialize';
export { podWaypoint, serviceWaypoint, WAYPOINT_FOR_LABEL, waypointFor, type WaypointInputs, type WaypointTraffic } from './istio/waypoints';
export { type ProxyScopeView, scopeCovers, scopeFor } from './istio/sidecarScope';
export type { IstioObject, IstioSpecs } from './objects/istioObjects';
export type {
  AuthorizationPolicySpec,
  components as IstioCrdSchemas,
  DestinationRuleSpec,
  EnvoyFilterSpec,
  GatewaySpec,
  KubernetesGatewaySpec,
  KubernetesGRPCRouteSpec,
  KubernetesHTTPRouteSpec,
  PeerAuthenticationSpec,
  RequestAuthenticationSpec,
  ServiceEntrySpec,
  SidecarSpec,
  TelemetrySpec,
  VirtualServiceSpec,
  WorkloadEntrySpec,
} from './objects/crdTypes.generated';
