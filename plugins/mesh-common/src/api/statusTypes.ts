import type { Finding, WaypointBinding } from '@meshport/istio-config';
import type { Amounts, ContainerResourceAmounts, DataPlaneComparison } from '../overhead';

/**
 * `GET /api/mesh/v1/entities/:namespace/:kind/:name/status`: how an entity stands in the mesh, per cluster.
 *
 * @public
 */
export interface EntityMeshStatus {
  entityRef: string;
  generatedAt: string;
  /** Which objects belong to the entity; absent when it has no Kubernetes annotations. */
  target?: { namespace?: string; selector: string };
  clusters: ClusterMeshStatus[];
  pendingChanges: PendingChangesStatus;
}

/** One cluster's answer; `error` set (and the rest empty) when the cluster could not be read. */
/**
 * The sections of a cluster's status.
 *
 * @public
 */
export type StatusSection = 'workloads' | 'security' | 'traffic' | 'findings' | 'health' | 'overhead';

/**
 * A kind the cluster could not give, and the sections that are incomplete without it.
 *
 * @public
 */
export interface DegradedKind extends ClusterError {
  kind: string;
  sections: StatusSection[];
  /** True when the kind was read before: its objects are shown as last seen. */
  stale: boolean;
}

/**
 * One object of Meshport's files on the GitOps target branch, against the cluster.
 *
 * @public
 */
export interface ObjectDrift {
  file: string;
  kind: string;
  namespace?: string;
  name: string;
  /** `not-applied`: merged, not in the cluster; `drifted`: in it, with other values; `unknown`: a kind the status does not read. */
  state: 'applied' | 'not-applied' | 'drifted' | 'unknown';
  /** The fields that differ ("spec.mtls.mode"). */
  differences?: string[];
}

/**
 * An Argo CD Application or a Flux Kustomization that applies the service's folder, and how it stands.
 *
 * @public
 */
export interface GitOpsControllerStatus {
  kind: 'Application' | 'Kustomization';
  namespace: string;
  name: string;
  /** Its path in the repository ("" for the root). */
  path: string;
  /** Argo CD: Synced, OutOfSync, Unknown. */
  sync?: string;
  /** Argo CD: Healthy, Progressing, Degraded, Missing, ... */
  health?: string;
  /** Flux: the Ready condition's status (True, False, Unknown). */
  ready?: string;
  /** The revision it last synced or applied. */
  revision?: string;
  message?: string;
}

/**
 * What became of the merged configuration: the target branch's objects against the cluster.
 *
 * @public
 */
export interface AfterMergeStatus {
  /** The target branch's commit compared. */
  commit?: string;
  /** The service's folder in the repository. */
  folder?: string;
  objects: ObjectDrift[];
  /** The GitOps controllers that apply the folder, when the cluster runs Argo CD or Flux. */
  controllers?: GitOpsControllerStatus[];
  /** Why the branch could not be read. */
  error?: string;
}

/** @public */
export interface ClusterMeshStatus {
  cluster: string;
  error?: ClusterError;
  /** Kinds that could not be read: the rest of the status stands, these sections are incomplete. */
  degraded?: DegradedKind[];
  /**
   * Sections still being worked out: after start-up the cluster-wide analysis runs behind the first answers,
   * so `findings` holds only what needs no analysis (calls Prometheus saw) until a later request.
   */
  pending?: StatusSection[];
  workloads: WorkloadsStatus;
  security: SecurityStatus;
  traffic: TrafficStatus;
  findings: Finding[];
  health: HealthStatus;
  overhead: OverheadStatus;
  /** The merged configuration against this cluster, when a GitOps repository is configured. */
  afterMerge?: AfterMergeStatus;
}

/**
 * Why a cluster gave no answer, in words a product engineer can act on.
 *
 * @public
 */
export interface ClusterError {
  reason: 'unauthorized' | 'forbidden' | 'timeout' | 'unreachable' | 'server-error' | 'not-synced' | 'too-broad' | 'unknown';
  message: string;
}

/** @public */
export interface NamespaceInjection {
  name: string;
  /** `label`: istio-injection=enabled; `revision`: istio.io/rev; `disabled`: explicitly off; `off`: no label. */
  injection: 'label' | 'revision' | 'disabled' | 'off';
  revision?: string;
  /** True when `istio.io/dataplane-mode=ambient` enrolls the namespace's pods in ambient mode. */
  ambient?: boolean;
  /** The waypoint its `istio.io/use-waypoint` label names, when it has one. */
  useWaypoint?: string;
}

/**
 * What carries a pod's traffic: its own sidecar, the node's ztunnel (ambient), or nothing. A sidecar wins
 * over an ambient label, as Istio's CNI agent leaves injected pods alone.
 *
 * @public
 */
export type PodDataPlane = 'sidecar' | 'ambient' | 'none';

export type { WaypointBinding };

/** @public */
export interface PodAmbientStatus {
  /** True once the CNI agent redirects the pod's traffic to ztunnel (`ambient.istio.io/redirection=enabled`). */
  redirected: boolean;
  /** The node the pod runs on and its ztunnel; `ztunnel` absent when none runs there. */
  node?: string;
  ztunnel?: { name: string; namespace: string; ready: boolean };
  /** The waypoint its traffic goes through, if any: `namespace/name`. */
  waypoint?: string;
}

/**
 * A waypoint (a Gateway of class istio-waypoint) serving the entity's traffic, and its pods.
 *
 * @public
 */
export interface WaypointStatus {
  name: string;
  namespace: string;
  /** Its `istio.io/waypoint-for`: which traffic it takes (service by default). */
  for: 'service' | 'workload' | 'all' | 'none';
  boundBy: WaypointBinding;
  /** False when the label names a Gateway that does not exist: the traffic it should take is not served. */
  exists: boolean;
  pods: number;
  readyPods: number;
}

/**
 * A proxy's configuration sync as istiod reports it (istioctl proxy-status).
 *
 * @public
 */
export interface ProxySync {
  /** `stale`: istiod sent configuration the proxy has not acknowledged; `not-sent`: some type never sent. */
  state: 'synced' | 'stale' | 'not-sent';
  /** The xDS types not acknowledged: cluster, listener, route, endpoint. */
  stale?: string[];
  istioVersion?: string;
}

/** @public */
export interface ProxyStatus {
  /** `classic`: an `istio-proxy` container; `native`: an init container with `restartPolicy: Always`. */
  mode: 'classic' | 'native';
  image?: string;
  version?: string;
  ready: boolean;
  restarts: number;
  /** Its configuration sync, when istiod's debug endpoint could be read. */
  sync?: ProxySync;
}

/** @public */
export interface PodMeshStatus {
  name: string;
  namespace: string;
  version?: string;
  phase?: string;
  ready: boolean;
  restarts: number;
  injected: boolean;
  proxy?: ProxyStatus;
  dataPlane: PodDataPlane;
  /** Set for pods in ambient mode. */
  ambient?: PodAmbientStatus;
}

/**
 * The controllers Meshport onboards: their pod templates carry the sidecar settings.
 *
 * @public
 */
export type WorkloadKind = 'Deployment' | 'StatefulSet' | 'DaemonSet' | 'Rollout';

/**
 * A controller of the entity's pods and its replicas.
 *
 * @public
 */
export interface ControllerMeshStatus {
  kind: WorkloadKind;
  name: string;
  namespace: string;
  replicas: number;
  readyReplicas: number;
  version?: string;
}

/** @public */
export interface WorkloadsStatus {
  namespaces: NamespaceInjection[];
  /** Deployments, StatefulSets, DaemonSets and Argo Rollouts whose pods are the entity's. */
  controllers: ControllerMeshStatus[];
  pods: PodMeshStatus[];
  injectedPods: number;
  totalPods: number;
  notReadyProxies: number;
  proxyVersions: string[];
  /** Pods in ambient mode (enrolled by label or redirected), sidecar-less. */
  ambientPods: number;
  /** The data planes the pods are on: `mixed` when some have sidecars and others are ambient. */
  dataPlane: PodDataPlane | 'mixed';
  /** Ambient pods the CNI agent has not redirected yet, or whose node runs no ready ztunnel. */
  ambientNotReady: number;
  /** Proxies istiod has sent configuration they have not acknowledged. */
  staleProxies?: number;
  /** Why the proxies' sync is not known (istiod's debug endpoint could not be read). */
  proxySyncUnavailable?: string;
  /** How istiod was asked for the proxies' sync, in words (its xDS debug request, or its HTTP endpoint). */
  proxySyncSource?: string;
  waypoints: WaypointStatus[];
}

/**
 * An effective mode: what a PeerAuthentication's UNSET resolves to.
 *
 * @public
 */
export type EffectiveMtlsMode = 'STRICT' | 'PERMISSIVE' | 'DISABLE';

/**
 * Where an effective mode came from: the workload's policy, its namespace's, the mesh's, or Istio's default.
 *
 * @public
 */
export type MtlsSource = 'workload' | 'namespace' | 'mesh' | 'default';

/** @public */
export interface PortMtls {
  /** A port number, or "*" for every port without its own rule. */
  port: number | '*';
  mode: EffectiveMtlsMode;
  source: MtlsSource;
  /** "PeerAuthentication namespace/name" that decided it. */
  policy?: string;
  /**
   * True when the sidecar does not intercept the port (traffic.sidecar.istio.io/excludeInboundPorts, or
   * left out of includeInboundPorts): traffic to it bypasses mTLS and authorization whatever the mode.
   */
  bypassed?: boolean;
}

/** @public */
export interface WorkloadMtls {
  /** The Deployment (or the Pod when it has no controller) the ports belong to. */
  workload: string;
  ports: PortMtls[];
}

/**
 * How a policy reaches the workloads: by selector, namespace-wide, mesh-wide, or attached with targetRefs to their Service or waypoint.
 *
 * @public
 */
export type PolicyScope = 'workload' | 'namespace' | 'mesh' | 'service' | 'waypoint';

/**
 * What enforces a policy: each pod's sidecar, the nodes' ztunnels, or the waypoint.
 *
 * @public
 */
export type PolicyEnforcer = 'sidecar' | 'ztunnel' | 'waypoint';

/** @public */
export interface AuthorizationPolicySummary {
  name: string;
  namespace: string;
  action: string;
  scope: PolicyScope;
  /** Empty when nothing enforces it (attached to a Service that no waypoint serves). */
  enforcedBy: PolicyEnforcer[];
  /** Set when the policy is only tried (istio.io/dry-run): counted, not enforced. */
  dryRun?: true;
  /** The policy's rules as the AuthorizationPolicy holds them. */
  rules: Array<Record<string, unknown>>;
}

/**
 * Dry-run AuthorizationPolicies and what they would have denied over the window.
 *
 * @public
 */
export interface DryRunStatus {
  /** "namespace/name" of each policy in dry run. */
  policies: string[];
  window: string;
  /** Requests per second the dry-run policies would have denied (Envoy's RBAC shadow stats). */
  deniedPerSecond?: number;
  unavailable?: string;
}

/**
 * A principal calling the entity, or allowed to: the two compared.
 *
 * @public
 */
export interface CallerCheck {
  principal: string;
  /** Requests per second over the window, when it called. */
  rate?: number;
  allowed: boolean;
  observed: boolean;
  /** Whether the catalog says it dependsOn the entity (absent when the catalog was not read). */
  dependsOn?: boolean;
  /** The catalog entity that presents this principal, when the catalog knows it. */
  entityRef?: string;
  words: string;
}

/** @public */
export interface RequestAuthenticationSummary {
  name: string;
  namespace: string;
  scope: PolicyScope;
  enforcedBy: PolicyEnforcer[];
  issuers: Array<{ issuer: string; jwksUri?: string; audiences?: string[] }>;
}

/** @public */
export interface SecurityStatus {
  mtls: WorkloadMtls[];
  authorizationPolicies: AuthorizationPolicySummary[];
  requestAuthentications: RequestAuthenticationSummary[];
  /** When some of the policies are in dry run: what they would have denied. */
  dryRun?: DryRunStatus;
  /** Observed callers against allowed ones, when Prometheus answered. */
  callers?: CallerCheck[];
}

/** @public */
export interface RouteDestination {
  host: string;
  subset?: string;
  port?: number;
  weight: number;
}

/** @public */
export interface RouteSummary {
  name?: string;
  /** The route's match in words ("header x-canary=true", "prefix /api"); empty for a catch-all. */
  match: string[];
  destinations: RouteDestination[];
}

/** @public */
export interface VirtualServiceSummary {
  name: string;
  namespace: string;
  hosts: string[];
  gateways: string[];
  routes: RouteSummary[];
}

/** @public */
export interface DestinationRuleSummary {
  name: string;
  namespace: string;
  host: string;
  subsets: Array<{ name: string; labels: Record<string, string> }>;
  /** The DestinationRule's trafficPolicy as it holds it. */
  trafficPolicy?: Record<string, unknown>;
}

/** @public */
export interface CanarySplitEntry {
  subset: string;
  version?: string;
  weight: number;
  pods: number;
  readyPods: number;
}

/** @public */
export interface CanaryStatus {
  virtualService: string;
  host: string;
  split: CanarySplitEntry[];
  /** The canary against its thresholds, when Prometheus is configured. */
  analysis?: CanaryAnalysis;
}

/**
 * One check of a canary: its figure, the stable version's, and the threshold it must meet.
 *
 * @public
 */
export interface CanaryCheck {
  name: 'requests' | 'success rate' | 'p99';
  canary?: number;
  stable?: number;
  threshold: number;
  pass: boolean;
}

/**
 * A canary judged as Flagger would judge one step; the change itself is a change request.
 *
 * @public
 */
export interface CanaryAnalysis {
  checks: CanaryCheck[];
  /** `wait`: too little to judge; `shift`: more traffic (to `nextWeight`); `promote`; `rollback`. */
  verdict: 'wait' | 'shift' | 'promote' | 'rollback';
  reason: string;
  nextWeight?: number;
  weight: number;
  canaryVersion?: string;
  stableVersion?: string;
  thresholds: { minSuccessRate: number; maxP99Ms: number; minRequests: number; stepWeight: number; maxWeight: number };
  /** Where the thresholds come from: the route's annotation (the policy's), or the portal's config. */
  source: 'route' | 'config';
}

/** @public */
export interface ServiceSummary {
  name: string;
  namespace: string;
  host: string;
  /** Each Service port and the workload port it sends to (a number, or a container port's name). */
  ports: Array<{ name?: string; port: number; targetPort?: number | string; protocol?: string }>;
}

/**
 * Calls between a workload and a service over the window, from Istio's metrics: into the entity's Services
 * (as their proxies report them) or out of its workloads (as the proxies of what they call report them,
 * or as their own when the mesh refused the call).
 *
 * @public
 */
export interface TrafficEdge {
  /** `inbound`: a caller of the entity; `outbound`: something it calls. */
  direction: 'inbound' | 'outbound';
  /** The calling workload (Istio's source_workload) and the identity it presented over mTLS. */
  source: { namespace: string; workload: string; principal?: string };
  /** The service called; for a call the mesh did not route, the host asked for (and no namespace unless the host is a cluster-local name). */
  destination: { namespace?: string; service: string };
  /** Requests per second. */
  requestRate: number;
  /** Share of 5xx answers, 0..1, when the destination reported them. */
  errorShare?: number;
  /** Share of requests the destination accepted over mutual TLS, 0..1. */
  mtlsShare?: number;
  /** Where the source's proxy sent a call the mesh does not route: refused (BlackHoleCluster) or let out (PassthroughCluster). */
  via?: 'BlackHoleCluster' | 'PassthroughCluster';
}

/** @public */
export interface TrafficStatus {
  services: ServiceSummary[];
  virtualServices: VirtualServiceSummary[];
  destinationRules: DestinationRuleSummary[];
  canary?: CanaryStatus;
  /** Who calls the entity and what it calls over the window, when Prometheus answered. */
  edges?: TrafficEdge[];
}

/** @public */
export interface LatencyMs {
  p50?: number;
  p90?: number;
  p99?: number;
}

/** @public */
export interface TrafficFigures {
  /** Requests per second over the window. */
  requestRate: number;
  /** Share of 5xx answers, 0..1; undefined with no requests. */
  errorShare?: number;
  latencyMs: LatencyMs;
}

/** @public */
export interface VersionHealth extends TrafficFigures {
  version: string;
}

/**
 * Request health from Istio's standard metrics (reporter="destination").
 *
 * @public
 */
export interface HealthStatus {
  /** `ok`: figures below; `no-traffic`: Prometheus answered with no requests; `unknown`: see `reason`. */
  state: 'ok' | 'no-traffic' | 'unknown';
  reason?: string;
  window: string;
  overall?: TrafficFigures;
  perVersion: VersionHealth[];
  /** Share of requests with connection_security_policy="mutual_tls", 0..1. */
  mtlsShare?: number;
  /** Request rate over the last 30 minutes, one point per minute (unix seconds, requests per second). */
  series: Array<{ time: number; requestRate: number }>;
  /** Healthy, degraded or failing by the error-rate thresholds, when Prometheus is configured. */
  assessment?: HealthAssessment;
  /** Each version's last 30 minutes: rate, 5xx share and p99, one point a minute. */
  versionSeries?: VersionSeries[];
}

/**
 * One version's rate, 5xx share and p99 over time.
 *
 * @public
 */
export interface VersionSeries {
  version: string;
  points: Array<{ time: number; requestRate: number; errorShare?: number; p99?: number }>;
}

/** @public */
export type HealthState = 'healthy' | 'degraded' | 'failing' | 'idle' | 'unknown';

/**
 * The service's and each version's health by their 5xx share, and the thresholds that say so.
 *
 * @public
 */
export interface HealthAssessment {
  state: HealthState;
  thresholds: { degradedPercent: number; failingPercent: number };
  /** Where they come from: the component's annotation, or the portal's config (Kiali's defaults). */
  source: 'entity' | 'config';
  perVersion: Array<{ version: string; state: HealthState }>;
}

/** @public */
export interface ContainerUsage {
  /** Millicores. */
  cpu?: number;
  /** Bytes. */
  memory?: number;
}

/** @public */
export interface PodOverhead {
  name: string;
  sidecar: ContainerResourceAmounts;
  app: ContainerResourceAmounts;
  usage?: { sidecar: ContainerUsage; app: ContainerUsage };
}

/** @public */
export interface OverheadStatus {
  pods: PodOverhead[];
  total: { sidecar: ContainerResourceAmounts; app: ContainerResourceAmounts };
  /** Sidecar requests as a share of the app's (0..∞; 0.25 = the sidecar asks a quarter of what the app does). */
  requestShare: Amounts;
  /** Actual usage summed over the pods, when Prometheus has it. */
  usage?: { sidecar: ContainerUsage; app: ContainerUsage };
  usageUnavailable?: string;
  /**
   * For pods without a proxy: the sidecars injection would add, as the injector decides them (templates,
   * annotations, a declared istio-proxy container, the mesh's defaults from its injector configuration).
   */
  ifInjected?: { pods: number; sidecar: ContainerResourceAmounts };
  /** Sidecars against ambient for these pods, side by side (absent with no pods). */
  dataPlanes?: DataPlaneComparison;
  /** What the sidecars should request, from their measured use (absent without injected pods). */
  rightSizing?: SidecarRightSizing;
}

/**
 * A sidecar right-sizing recommendation for the entity's proxies.
 *
 * @public
 */
export interface SidecarRightSizing {
  /** `recommend`: a change worth making; `fits`: within the rule's tolerance; `unknown`: see `reason`. */
  state: 'recommend' | 'fits' | 'unknown';
  reason?: string;
  /** The window the use was measured over ("7d"). */
  window: string;
  /** Pods measured long enough. */
  pods?: number;
  /** The highest CPU percentile (millicores) and peak memory (bytes) over those pods. */
  observed?: Amounts;
  /** What the proxies request now, per pod (the highest). */
  current?: Amounts;
  recommended?: { cpuRequest: number; memoryRequest: number; memoryLimit: number };
  /** What the recommendation frees over all injected pods (negative: it asks for more). */
  saving?: Amounts;
}

/** @public */
export interface PendingChange {
  url: string;
  number?: number;
  branch: string;
  title?: string;
}

/** @public */
export interface PendingChangesStatus {
  items: PendingChange[];
  error?: string;
}
