import {
  ClusterError,
  ClusterMeshStatus,
  HealthStatus,
  OverheadStatus,
  SecurityStatus,
  TrafficEdge,
  TrafficStatus,
  CANARY_ANALYSIS_ANNOTATION,
} from '@meshport/plugin-mesh-common';
import { AnalyzedObject, podLabelsOf } from '@meshport/istio-config';
import { AmbientInputs, enforcementInputs } from './ambient';
import { liveDataPlanes } from './liveDataPlaneCost';
import { OutboundCall } from '../metrics/fleetMetrics';
import { outboundFindings } from './outboundFindings';
import { ProxySyncView, withProxySync } from './proxySync';
import { ProxyHistory, recommendSidecarResources, RightSizingRule } from './rightSizing';
import { EntitySlice } from '../cluster/clusterObjectStore';
import { PodUsage, overheadStatus } from './overhead';
import { securityStatus } from './security';
import { trafficStatus } from './traffic';
import { refusedEdges } from '../metrics/trafficEdges';
import { callerChecks, dryRunStatus } from './authorizationRollout';
import { assessHealth, DEFAULT_ERROR_RATE_THRESHOLDS, ErrorRateThresholds } from './healthAssessment';
import { analyzeCanary, CanaryThresholds, DEFAULT_CANARY_THRESHOLDS, thresholdsFrom } from './canaryAnalysis';
import { workloadsStatus } from './workloads';
import { podReady } from './podReady';
import { MetricsTarget, unknownHealth } from '../metrics/health';

/**
 * What Prometheus measured for the entity.
 *
 * @public
 */
export interface EntityMetrics {
  health: HealthStatus;
  /** By pod name: the entity's pods, and the ztunnel and waypoint pods serving them. */
  usage?: PodUsage;
  /** Why nothing could be measured (Prometheus failed); unset when it answered. */
  usageUnavailable?: string;
  /** What the entity's workloads called. */
  outbound?: OutboundCall[];
  /** Each pod's proxy use over the right-sizing window, by pod name; absent when it could not be read. */
  proxyHistory?: ReadonlyMap<string, ProxyHistory>;
  /** Why the proxies' history could not be read. */
  proxyHistoryUnavailable?: string;
  /** Requests per second dry-run policies would have denied at the entity's pods. */
  dryRunDenied?: number;
  /** Who called the entity's Services, by principal. */
  callers?: Array<{ principal: string; rate: number }>;
  /** Who called the entity's Services and what its workloads called, edge by edge. */
  edges?: TrafficEdge[];
}

/**
 * What the portal's configuration and the catalog say the status judges the measurements by.
 *
 * @public
 */
export interface StatusSettings {
  /** The portal's right-sizing rule. */
  rightSizingRule?: RightSizingRule;
  /** The portal's canary thresholds, for routes whose annotation sets none. */
  canaryThresholds?: CanaryThresholds;
  /** The entity's error-rate thresholds (its annotation's, else the portal's). */
  healthThresholds?: { thresholds: ErrorRateThresholds; source: 'entity' | 'config' };
  /** The components that dependsOn the entity in the catalog, and the principal each presents. */
  dependents?: Array<{ ref: string; principal: string }>;
}

/**
 * What a cluster's status is computed from besides its objects: Prometheus's measurements (absent when
 * the cluster has no Prometheus), the settings they are judged by, and istiod's proxy sync.
 *
 * @public
 */
export interface StatusInputs {
  metrics?: EntityMetrics;
  settings?: StatusSettings;
  proxySync?: ProxySyncView;
}

/**
 * The Prometheus series that belong to a slice: its Services and Pods across all its namespaces, and the ztunnel and waypoint pods serving it.
 *
 * @public
 */
export function metricsTargetOf(slice: EntitySlice): MetricsTarget | undefined {
  if (slice.services.length === 0 && slice.pods.length === 0) return undefined;
  const ref = (object: { metadata: { name: string; namespace?: string } }) => ({
    namespace: object.metadata.namespace ?? 'default',
    name: object.metadata.name,
  });
  return { services: slice.services.map(ref), pods: [...slice.pods, ...slice.ztunnels, ...slice.waypointPods].map(ref), workloads: slice.controllers.map(ref) };
}

/**
 * One cluster's view of an entity, from its slice of objects and (optionally) its metrics.
 *
 * @public
 */
export function clusterStatusFromSlice(
  cluster: string,
  slice: EntitySlice,
  rootNamespace: string,
  { metrics, settings = {}, proxySync }: StatusInputs = {},
): ClusterMeshStatus {
  // Controllers stand for their pods where they exist, so that mTLS is listed once per controller.
  const workloads = slice.controllers.length > 0 ? slice.controllers : slice.pods;
  const podReadiness = slice.pods.map(pod => ({ namespace: pod.metadata.namespace ?? 'default', labels: podLabelsOf(pod), ready: podReady(pod) }));
  const ambient: AmbientInputs = {
    namespaces: slice.namespaces,
    services: slice.services,
    ztunnels: slice.ztunnels,
    waypoints: slice.waypoints,
    waypointPods: slice.waypointPods,
  };
  const workloadsNow = workloadsStatus(slice.controllers, slice.pods, ambient);
  const unmeasured = metrics
    ? metrics.usageUnavailable ?? 'Prometheus has no container metrics for these pods'
    : 'no Prometheus is configured for this cluster';
  const overhead = overheadStatus(slice.pods, metrics?.usage, unmeasured, slice.proxyDefaults);
  const dataPlanes = liveDataPlanes({ ...slice, workloads: workloadsNow, overhead, usage: metrics?.usage });
  return {
    cluster,
    ...(slice.findingsPending ? { pending: ['findings' as const] } : {}),
    workloads: withProxySync(workloadsNow, proxySync),
    security: withAuthorizationRollout(securityStatus(workloads, slice.policies, rootNamespace, enforcementInputs(slice.pods, ambient)), metrics, settings),
    traffic: withEdges(withCanaryAnalysis(trafficStatus(slice.services, slice.networking, podReadiness), slice.networking, metrics, settings), metrics),
    findings: [
      ...slice.findings,
      ...outboundFindings({
        workloads: slice.controllers,
        calls: metrics?.outbound ?? [],
        sidecars: slice.sidecars,
        rootNamespace,
        meshOutboundPolicy: slice.meshOutboundPolicy,
      }),
    ],
    health: metrics ? withAssessment(metrics, settings) : unknownHealth('no Prometheus is configured for this cluster'),
    overhead: withRightSizing(slice.pods.length > 0 ? { ...overhead, dataPlanes } : overhead, metrics, settings),
  };
}

/** The security with its dry-run figures and its callers observed against allowed, when Prometheus is configured. */
function withAuthorizationRollout(security: SecurityStatus, metrics: EntityMetrics | undefined, settings: StatusSettings): SecurityStatus {
  const window = metrics?.health.window ?? '5m';
  // The figures are the fleet read's: unknown when it failed, with its reason.
  let unavailable: string | undefined;
  if (!metrics) unavailable = 'no Prometheus is configured for this cluster';
  else if (metrics.health.state === 'unknown') unavailable = metrics.health.reason;
  const dryRun = dryRunStatus(security.authorizationPolicies, metrics?.dryRunDenied, window, unavailable);
  const callers = metrics?.callers ? callerChecks(security.authorizationPolicies, metrics.callers, window, settings.dependents) : undefined;
  return { ...security, ...(dryRun ? { dryRun } : {}), ...(callers ? { callers } : {}) };
}

/** The health with its assessment against the entity's error-rate thresholds. */
function withAssessment(metrics: EntityMetrics, settings: StatusSettings): HealthStatus {
  const { thresholds, source } = settings.healthThresholds ?? { thresholds: DEFAULT_ERROR_RATE_THRESHOLDS, source: 'config' as const };
  return { ...metrics.health, assessment: assessHealth(metrics.health, thresholds, source) };
}

/** The traffic with its canary judged against its thresholds (its route's annotation, else the config's), when Prometheus is configured. */
function withCanaryAnalysis(traffic: TrafficStatus, networking: AnalyzedObject[], metrics: EntityMetrics | undefined, settings: StatusSettings): TrafficStatus {
  if (!traffic.canary || !metrics) return traffic;
  const [namespace, name] = traffic.canary.virtualService.split('/');
  const route = networking.find(o => o.kind === 'VirtualService' && o.metadata.namespace === namespace && o.metadata.name === name);
  const { thresholds, source } = thresholdsFrom(
    route?.metadata.annotations?.[CANARY_ANALYSIS_ANNOTATION],
    settings.canaryThresholds ?? DEFAULT_CANARY_THRESHOLDS,
  );
  return { ...traffic, canary: { ...traffic.canary, analysis: analyzeCanary(traffic.canary, metrics.health, thresholds, source) } };
}

/** The traffic with the entity's call edges (the mesh's routed calls and the calls it refused or let out), when Prometheus answered. */
function withEdges(traffic: TrafficStatus, metrics: EntityMetrics | undefined): TrafficStatus {
  if (!metrics?.edges) return traffic;
  return { ...traffic, edges: [...metrics.edges, ...refusedEdges(metrics.outbound ?? [])] };
}

/** The overhead with the sidecars' right-sizing, when there are injected pods and Prometheus answered. */
function withRightSizing(overhead: OverheadStatus, metrics: EntityMetrics | undefined, settings: StatusSettings): OverheadStatus {
  if (!metrics) return overhead;
  const rightSizing = recommendSidecarResources(overhead.pods, metrics.proxyHistory, settings.rightSizingRule, metrics.proxyHistoryUnavailable);
  return rightSizing ? { ...overhead, rightSizing } : overhead;
}

/**
 * A cluster that could not answer.
 *
 * @public
 */
export function clusterErrorStatus(cluster: string, error: ClusterError): ClusterMeshStatus {
  return {
    cluster,
    error,
    workloads: workloadsStatus([], []),
    security: { mtls: [], authorizationPolicies: [], requestAuthentications: [] },
    traffic: { services: [], virtualServices: [], destinationRules: [] },
    findings: [],
    health: unknownHealth(error.message),
    overhead: overheadStatus([]),
  };
}
