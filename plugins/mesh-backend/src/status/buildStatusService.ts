import { LoggerService, RootConfigService } from '@backstage/backend-plugin-api';
import { FolderClaims } from './folderOwner';
import { InputError } from '@backstage/errors';
import {
  CanaryThresholds,
  DEFAULT_CANARY_THRESHOLDS,
  DEFAULT_ERROR_RATE_THRESHOLDS,
  DEFAULT_RIGHT_SIZING,
  RightSizingRule,
} from '@meshport/plugin-mesh-common';
import { readMeshClusters } from '../cluster/clusterConfig';
import { ClusterSource } from '../cluster/clusterSource';
import { LiveClusterSource } from '../cluster/liveClusterSource';
import { SnapshotClusterSource } from '../cluster/snapshotClusterSource';
import { FleetMetricsCache } from '../metrics/fleetMetricsCache';
import { PrometheusClient } from '../metrics/prometheusClient';
import { desiredStateSourceFor } from '../desired/desiredState';
import { pendingChangesSourceFor } from '../pending/pendingChanges';
import { EntityStatusService } from './entityStatusService';

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

/** The status service for the clusters in config: live ones kept warm by list+watch, snapshots read once. */
export function buildStatusService(config: RootConfigService, logger: LoggerService, folderClaims?: FolderClaims): EntityStatusService {
  const requestTimeoutMs = config.getOptionalNumber('mesh.status.requestTimeoutMs') ?? 10_000;
  const syncWaitMs = config.getOptionalNumber('mesh.status.syncWaitMs') ?? 10_000;
  const maxBackoffMs = config.getOptionalNumber('mesh.status.maxBackoffMs') ?? 30_000;
  const rootNamespace = config.getOptionalString('mesh.rootNamespace') ?? 'istio-system';
  const metricsTtlMs = config.getOptionalNumber('mesh.status.metricsTtlMs') ?? 15_000;
  const rightSizing = readRightSizing(config);
  const canaryThresholds = readCanaryThresholds(config);
  const clusters = readMeshClusters(config).map(cluster => {
    const source: ClusterSource = cluster.kubernetes
      ? new LiveClusterSource(cluster.kubernetes, logger, {
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
          },
        })
      : new SnapshotClusterSource(cluster.name, cluster.snapshotDirectory!);
    return {
      source,
      metrics: cluster.prometheus
        ? new FleetMetricsCache(new PrometheusClient(cluster.prometheus, requestTimeoutMs), metricsTtlMs, rightSizing, canaryThresholds)
        : undefined,
    };
  });
  logger.info(
    `mesh status reads ${clusters.length} cluster(s): ${clusters.map(c => `${c.source.name}${c.metrics ? ' (with Prometheus)' : ''}`).join(', ') || 'none'}`,
  );
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
    pendingChangesSourceFor(config),
    maxPodsPerEntity,
    healthThresholds,
    desiredStateSourceFor(config),
    folderClaims,
  );
}
