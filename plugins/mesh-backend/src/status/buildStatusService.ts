import { BackstageCredentials, LoggerService, RootConfigService } from '@backstage/backend-plugin-api';
import type { AuthenticationStrategy, ClusterDetails, KubernetesClustersSupplier } from '@backstage/plugin-kubernetes-node';
import { GitOpsProviders } from '@meshport/plugin-mesh-node';
import { FolderClaims } from './folderOwner';
import { InputError } from '@backstage/errors';
import {
  CanaryThresholds,
  DEFAULT_CANARY_THRESHOLDS,
  DEFAULT_ERROR_RATE_THRESHOLDS,
  DEFAULT_RIGHT_SIZING,
  RightSizingRule,
} from '@meshport/plugin-mesh-status-node';
import { MeshClusterSettings } from '../cluster/clusterConfig';
import { ClusterConnection } from '../cluster/clusterConnection';
import { IstiodXdsSettings } from '../cluster/istiod/istiodProxySync';
import { ServiceAccountRef } from '../cluster/istiod/serviceAccountTokens';
import { LiveClusterSource } from '../cluster/liveClusterSource';
import { SnapshotClusterSource } from '../cluster/snapshotClusterSource';
import { FleetMetricsCache } from '../metrics/fleetMetricsCache';
import { PrometheusClient } from '../metrics/prometheusClient';
import { desiredStateSourceFor } from '../desired/desiredState';
import { pendingChangesSourceFor } from '../pending/pendingChanges';
import { ClusterFleet, ClusterSet, fixedClusters } from './clusterFleet';
import { EntityStatusService } from './entityStatusService';
import { StatusCluster } from './statusCluster';

/** The right-sizing rule and history TTL from `mesh.rightSizing`, Meshport's defaults for what it leaves out. */
function readRightSizing(config: RootConfigService): { rule: RightSizingRule; ttlMs: number } {
  const section = config.getOptionalConfig('mesh.rightSizing');
  const window = section?.getOptionalString('window') ?? DEFAULT_RIGHT_SIZING.window;
  if (!/^([0-9]+(ms|s|m|h|d|w|y))+$/.test(window)) throw new InputError(`mesh.rightSizing.window: "${window}" is not a PromQL duration such as "7d"`);
  const number = (key: string, fallback: number) => section?.getOptionalNumber(key) ?? fallback;
  const rule: RightSizingRule = {
    window,
    percentile: number('percentile', DEFAULT_RIGHT_SIZING.percentile),
    headroom: number('headroom', DEFAULT_RIGHT_SIZING.headroom),
    cpuFloorMillicores: number('cpuFloorMillicores', DEFAULT_RIGHT_SIZING.cpuFloorMillicores),
    memoryFloorBytes: number('memoryFloorMiB', DEFAULT_RIGHT_SIZING.memoryFloorBytes / 1024 ** 2) * 1024 ** 2,
    minChange: number('minChange', DEFAULT_RIGHT_SIZING.minChange),
    minHistorySeconds: number('minHistoryHours', DEFAULT_RIGHT_SIZING.minHistorySeconds / 3600) * 3600,
  };
  if (!(rule.percentile > 0 && rule.percentile <= 1)) throw new InputError('mesh.rightSizing.percentile: must be over 0 and at most 1');
  if (!(rule.headroom >= 1)) throw new InputError('mesh.rightSizing.headroom: must be 1 or more');
  return { rule, ttlMs: number('ttlMs', 600_000) };
}

/** The portal's canary thresholds from `mesh.canaryAnalysis`, Flagger-like defaults for what it leaves out. */
function readCanaryThresholds(config: RootConfigService): CanaryThresholds {
  const section = config.getOptionalConfig('mesh.canaryAnalysis');
  const number = (key: keyof CanaryThresholds, max: number) => {
    const value = section?.getOptionalNumber(key) ?? DEFAULT_CANARY_THRESHOLDS[key];
    if (!(value >= 0 && value <= max)) throw new InputError(`mesh.canaryAnalysis.${key}: must be between 0 and ${max}`);
    return value;
  };
  return {
    minSuccessRate: number('minSuccessRate', 100),
    maxP99Ms: number('maxP99Ms', 600_000),
    minRequests: number('minRequests', 1e9),
    stepWeight: number('stepWeight', 100),
    maxWeight: number('maxWeight', 100),
  };
}

/** Whose token istiod's xDS debug request carries: `mesh.status.istiodDebug.tokenServiceAccount`, else istioctl's <root>/default. */
function readTokenAccount(config: RootConfigService, rootNamespace: string): ServiceAccountRef {
  const key = 'mesh.status.istiodDebug.tokenServiceAccount';
  const value = config.getOptionalString(key) ?? `${rootNamespace}/default`;
  const match = /^([a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?)\/([a-z0-9]([-.a-z0-9]{0,251}[a-z0-9])?)$/.exec(value);
  if (!match) throw new InputError(`${key}: "${value}" is not "namespace/name" of a service account`);
  return { namespace: match[1], name: match[3] };
}

/** Where the status's clusters and their credentials come from: the Kubernetes plugin's pieces, or an installation's own. */
export interface StatusClusterInputs {
  /** The clusters of `kubernetes.clusterLocatorMethods` or of the extension point; none configured, none. */
  supplier?: KubernetesClustersSupplier;
  /** Credentials by each cluster's `authProvider`. */
  authStrategy: AuthenticationStrategy;
  /** The backend's own credentials, which the supplier reads the catalog with. */
  credentials: () => Promise<BackstageCredentials>;
  /** What `mesh.clusters`, `mesh.snapshot` and the environment add to the located clusters. */
  settings: MeshClusterSettings;
}

/** The clusters to read: the supplier's, watched by list+watch and asked again over time, and the snapshot or the pod's own cluster. */
function clusterSetFor(config: RootConfigService, logger: LoggerService, inputs: StatusClusterInputs, rootNamespace: string): ClusterSet {
  const { settings } = inputs;
  const requestTimeoutMs = config.getOptionalNumber('mesh.status.requestTimeoutMs') ?? 10_000;
  const syncWaitMs = config.getOptionalNumber('mesh.status.syncWaitMs') ?? 10_000;
  const maxBackoffMs = config.getOptionalNumber('mesh.status.maxBackoffMs') ?? 30_000;
  const metricsTtlMs = config.getOptionalNumber('mesh.status.metricsTtlMs') ?? 15_000;
  const credentialTtlMs = config.getOptionalNumber('mesh.status.credentialTtlMs') ?? 300_000;
  const rightSizing = readRightSizing(config);
  const canaryThresholds = readCanaryThresholds(config);
  const metricsOf = (name: string) => {
    const prometheus = settings.prometheus.get(name);
    return prometheus ? new FleetMetricsCache(new PrometheusClient(prometheus, requestTimeoutMs), metricsTtlMs, rightSizing, canaryThresholds) : undefined;
  };
  const tokenAccount = readTokenAccount(config, rootNamespace);
  const xdsOf = (name: string): IstiodXdsSettings | undefined => {
    const address = settings.istiod.get(name);
    return address && { address: address.xdsAddress, serverName: address.serverName ?? `istiod.${rootNamespace}.svc`, caPem: address.caPem, tokenAccount };
  };
  const live = (details: ClusterDetails): StatusCluster => {
    const connection = new ClusterConnection(details, inputs.authStrategy, {
      credentialTtlMs,
      allowInsecureHttp: settings.allowInsecureHttp.has(details.name),
    });
    const source = new LiveClusterSource(connection, logger, {
      requestTimeoutMs,
      syncWaitMs,
      pageSize: config.getOptionalNumber('mesh.status.pageSize') ?? 500,
      initialBackoffMs: Math.min(500, maxBackoffMs),
      maxBackoffMs,
      rootNamespace,
      istiodDebug: {
        service: config.getOptionalString('mesh.status.istiodDebug.service') ?? 'istiod',
        port: config.getOptionalNumber('mesh.status.istiodDebug.port') ?? 15014,
        ttlMs: metricsTtlMs,
        xds: xdsOf(details.name),
      },
    });
    logger.info(
      `mesh status reads cluster ${details.name} (authProvider ${connection.authProvider}${settings.prometheus.has(details.name) ? ', with Prometheus' : ''})`,
    );
    return { source, metrics: metricsOf(details.name) };
  };
  const fixed: StatusCluster[] = [];
  if (settings.snapshot)
    fixed.push({ source: new SnapshotClusterSource(settings.snapshot.name, settings.snapshot.directory), metrics: metricsOf(settings.snapshot.name) });
  if (settings.inCluster) fixed.push(live(settings.inCluster));
  if (!inputs.supplier) return fixedClusters(fixed);
  return new ClusterFleet(inputs.supplier, fixed, live, inputs.credentials, logger, {
    refreshIntervalMs: config.getOptionalNumber('mesh.status.clusterRefreshIntervalMs') ?? 60_000,
    firstReadWaitMs: syncWaitMs,
  });
}

/** The status service for the configured clusters: live ones kept warm by list+watch, snapshots read once. */
export function buildStatusService(
  config: RootConfigService,
  logger: LoggerService,
  inputs: StatusClusterInputs,
  folderClaims?: FolderClaims,
  gitopsProviders?: GitOpsProviders,
): EntityStatusService {
  const rootNamespace = config.getOptionalString('mesh.rootNamespace') ?? 'istio-system';
  const clusters = clusterSetFor(config, logger, inputs, rootNamespace);
  const maxPodsPerEntity = config.getOptionalNumber('mesh.status.maxPodsPerEntity') ?? 5000;
  const healthThresholds = {
    degradedPercent: config.getOptionalNumber('mesh.health.errorRate.degradedPercent') ?? DEFAULT_ERROR_RATE_THRESHOLDS.degradedPercent,
    failingPercent: config.getOptionalNumber('mesh.health.errorRate.failingPercent') ?? DEFAULT_ERROR_RATE_THRESHOLDS.failingPercent,
  };
  if (
    !(healthThresholds.degradedPercent >= 0 && healthThresholds.degradedPercent <= healthThresholds.failingPercent && healthThresholds.failingPercent <= 100)
  ) {
    throw new InputError('mesh.health.errorRate: degradedPercent and failingPercent must be percentages, degraded at most failing');
  }
  return new EntityStatusService(
    clusters,
    rootNamespace,
    logger,
    pendingChangesSourceFor(config, gitopsProviders),
    maxPodsPerEntity,
    healthThresholds,
    desiredStateSourceFor(config, gitopsProviders),
    folderClaims,
  );
}
