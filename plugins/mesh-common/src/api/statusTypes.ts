// The status API's wire types, each one name for a schema of the one source, plugins/mesh-backend/src/schema/
// openapi.yaml, as openapi-typescript writes it in openapi.generated.ts (`yarn workspace
// @meshport/plugin-mesh-backend schema`; a test keeps it in step).
import type { components, paths } from './openapi.generated';
import type { WaypointBinding } from '@meshport/istio-config';

export type { WaypointBinding };

/**
 * `GET /api/mesh/v1/entities/:namespace/:kind/:name/status`: how an entity stands in the mesh, per cluster.
 *
 * @public
 */
export type EntityMeshStatus = components['schemas']['EntityMeshStatus'];

/**
 * One cluster's answer; `error` set (and the rest empty) when the cluster could not be read.
 *
 * @public
 */
export type ClusterMeshStatus = components['schemas']['ClusterMeshStatus'];

/**
 * A section of a cluster's status.
 *
 * @public
 */
export type StatusSection = NonNullable<components['schemas']['ClusterMeshStatus']['pending']>[number];

/**
 * A kind the cluster could not give, and the sections it feeds.
 *
 * @public
 */
export type DegradedKind = NonNullable<components['schemas']['ClusterMeshStatus']['degraded']>[number];

/**
 * Why a cluster could not be read.
 *
 * @public
 */
export type ClusterError = NonNullable<components['schemas']['ClusterMeshStatus']['error']>;

/**
 * Meshport's files on the GitOps target branch against the cluster.
 *
 * @public
 */
export type AfterMergeStatus = NonNullable<components['schemas']['ClusterMeshStatus']['afterMerge']>;

/**
 * One object of the merged files against the cluster.
 *
 * @public
 */
export type ObjectDrift = NonNullable<components['schemas']['ClusterMeshStatus']['afterMerge']>['objects'][number];

/**
 * An Argo CD Application or Flux Kustomization that applies the folder.
 *
 * @public
 */
export type GitOpsControllerStatus = NonNullable<NonNullable<components['schemas']['ClusterMeshStatus']['afterMerge']>['controllers']>[number];

/**
 * Pods, controllers, proxies and waypoints.
 *
 * @public
 */
export type WorkloadsStatus = components['schemas']['ClusterMeshStatus']['workloads'];

/**
 * How a namespace takes sidecars or ambient.
 *
 * @public
 */
export type NamespaceInjection = components['schemas']['ClusterMeshStatus']['workloads']['namespaces'][number];

/**
 * One pod in the mesh.
 *
 * @public
 */
export type PodMeshStatus = components['schemas']['ClusterMeshStatus']['workloads']['pods'][number];

/**
 * What carries a pod's traffic.
 *
 * @public
 */
export type PodDataPlane = components['schemas']['PodDataPlane'];

/**
 * An ambient pod's redirection, ztunnel and waypoint.
 *
 * @public
 */
export type PodAmbientStatus = NonNullable<PodMeshStatus['ambient']>;

/**
 * A pod's sidecar.
 *
 * @public
 */
export type ProxyStatus = NonNullable<PodMeshStatus['proxy']>;

/**
 * Whether istiod's last config reached the proxy.
 *
 * @public
 */
export type ProxySync = NonNullable<ProxyStatus['sync']>;

/**
 * A Deployment, StatefulSet, DaemonSet or Rollout of the entity.
 *
 * @public
 */
export type ControllerMeshStatus = components['schemas']['ClusterMeshStatus']['workloads']['controllers'][number];

/**
 * The controllers of pods.
 *
 * @public
 */
export type WorkloadKind = ControllerMeshStatus['kind'];

/**
 * A waypoint serving the entity.
 *
 * @public
 */
export type WaypointStatus = components['schemas']['ClusterMeshStatus']['workloads']['waypoints'][number];

/**
 * Effective mTLS, and the policies in force with where each is enforced.
 *
 * @public
 */
export type SecurityStatus = components['schemas']['ClusterMeshStatus']['security'];

/**
 * A workload's effective mTLS per port.
 *
 * @public
 */
export type WorkloadMtls = components['schemas']['ClusterMeshStatus']['security']['mtls'][number];

/**
 * One port's effective mTLS and where it comes from.
 *
 * @public
 */
export type PortMtls = WorkloadMtls['ports'][number];

/**
 * An mTLS mode in force.
 *
 * @public
 */
export type EffectiveMtlsMode = PortMtls['mode'];

/**
 * Where a port's mTLS mode comes from.
 *
 * @public
 */
export type MtlsSource = PortMtls['source'];

/**
 * How a policy applies.
 *
 * @public
 */
export type PolicyScope = components['schemas']['Scope'];

/**
 * What enforces a policy.
 *
 * @public
 */
export type PolicyEnforcer = components['schemas']['Enforcers'][number];

/**
 * An AuthorizationPolicy in force.
 *
 * @public
 */
export type AuthorizationPolicySummary = components['schemas']['ClusterMeshStatus']['security']['authorizationPolicies'][number];

/**
 * Dry-run policies and what they would have denied.
 *
 * @public
 */
export type DryRunStatus = NonNullable<components['schemas']['ClusterMeshStatus']['security']['dryRun']>;

/**
 * A caller seen in traffic against the callers the ALLOW policies admit.
 *
 * @public
 */
export type CallerCheck = NonNullable<components['schemas']['ClusterMeshStatus']['security']['callers']>[number];

/**
 * A RequestAuthentication in force.
 *
 * @public
 */
export type RequestAuthenticationSummary = components['schemas']['ClusterMeshStatus']['security']['requestAuthentications'][number];

/**
 * Services, routes, destination rules, the canary and measured edges.
 *
 * @public
 */
export type TrafficStatus = components['schemas']['ClusterMeshStatus']['traffic'];

/**
 * A Service of the entity.
 *
 * @public
 */
export type ServiceSummary = components['schemas']['ClusterMeshStatus']['traffic']['services'][number];

/**
 * A VirtualService routing to the entity.
 *
 * @public
 */
export type VirtualServiceSummary = components['schemas']['ClusterMeshStatus']['traffic']['virtualServices'][number];

/**
 * A route of a VirtualService.
 *
 * @public
 */
export type RouteSummary = VirtualServiceSummary['routes'][number];

/**
 * A destination of a route, with its weight.
 *
 * @public
 */
export type RouteDestination = components['schemas']['RouteDestination'];

/**
 * A DestinationRule for the entity's hosts.
 *
 * @public
 */
export type DestinationRuleSummary = components['schemas']['ClusterMeshStatus']['traffic']['destinationRules'][number];

/**
 * Who called whom over the window.
 *
 * @public
 */
export type TrafficEdge = NonNullable<components['schemas']['ClusterMeshStatus']['traffic']['edges']>[number];

/**
 * The canary split and its analysis.
 *
 * @public
 */
export type CanaryStatus = NonNullable<components['schemas']['ClusterMeshStatus']['traffic']['canary']>;

/**
 * One subset of the canary split.
 *
 * @public
 */
export type CanarySplitEntry = NonNullable<components['schemas']['ClusterMeshStatus']['traffic']['canary']>['split'][number];

/**
 * The canary against its thresholds.
 *
 * @public
 */
export type CanaryAnalysis = NonNullable<NonNullable<components['schemas']['ClusterMeshStatus']['traffic']['canary']>['analysis']>;

/**
 * One check of the canary analysis.
 *
 * @public
 */
export type CanaryCheck = CanaryAnalysis['checks'][number];

/**
 * Request health from Prometheus.
 *
 * @public
 */
export type HealthStatus = components['schemas']['ClusterMeshStatus']['health'];

/**
 * Request rate, errors and latency.
 *
 * @public
 */
export type TrafficFigures = components['schemas']['TrafficFigures'];

/**
 * Latency percentiles in milliseconds.
 *
 * @public
 */
export type LatencyMs = components['schemas']['LatencyMs'];

/**
 * TrafficFigures of one version.
 *
 * @public
 */
export type VersionHealth = components['schemas']['VersionHealth'];

/**
 * One version's last 30 minutes.
 *
 * @public
 */
export type VersionSeries = NonNullable<components['schemas']['ClusterMeshStatus']['health']['versionSeries']>[number];

/**
 * Healthy, degraded, failing, idle or unknown.
 *
 * @public
 */
export type HealthState = components['schemas']['HealthState'];

/**
 * Health by the 5xx share against the thresholds.
 *
 * @public
 */
export type HealthAssessment = NonNullable<components['schemas']['ClusterMeshStatus']['health']['assessment']>;

/**
 * Sidecar cost, use and right-sizing.
 *
 * @public
 */
export type OverheadStatus = components['schemas']['ClusterMeshStatus']['overhead'];

/**
 * One pod's sidecar and application resources.
 *
 * @public
 */
export type PodOverhead = components['schemas']['ClusterMeshStatus']['overhead']['pods'][number];

/**
 * Measured use: CPU in millicores, memory in bytes.
 *
 * @public
 */
export type ContainerUsage = components['schemas']['Amounts'];

/**
 * What the sidecars should request.
 *
 * @public
 */
export type SidecarRightSizing = NonNullable<components['schemas']['ClusterMeshStatus']['overhead']['rightSizing']>;

/**
 * Meshport's open change requests for the entity.
 *
 * @public
 */
export type PendingChangesStatus = components['schemas']['EntityMeshStatus']['pendingChanges'];

/**
 * One open change request.
 *
 * @public
 */
export type PendingChange = PendingChangesStatus['items'][number];

/**
 * `GET …/merged-files`: an entity's folder as a form's change starts from it, Meshport's change branch while
 * it holds an unmerged change, else the GitOps target branch.
 *
 * @public
 */
export type MergedFiles = paths['/v1/entities/{namespace}/{kind}/{name}/merged-files']['get']['responses'][200]['content']['application/json'];

/**
 * One entity's line of `POST /v1/summaries`: its summary, or why it has none.
 *
 * @public
 */
export type EntitySummaryAnswer = paths['/v1/summaries']['post']['responses'][200]['content']['application/json']['items'][number];
