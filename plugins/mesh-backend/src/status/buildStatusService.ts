import { LoggerService, RootConfigService } from '@backstage/backend-plugin-api';
import { readMeshClusters } from '../cluster/clusterConfig';
import { ClusterSource } from '../cluster/clusterSource';
import { LiveClusterSource } from '../cluster/liveClusterSource';
import { SnapshotClusterSource } from '../cluster/snapshotClusterSource';
import { FleetMetricsCache } from '../metrics/fleetMetricsCache';
import { PrometheusClient } from '../metrics/prometheusClient';
import { pendingChangesSourceFor } from '../pending/pendingChanges';
import { EntityStatusService } from './entityStatusService';

/** The status service for the clusters in config: live ones kept warm by list+watch, snapshots read once. */
export function buildStatusService(config: RootConfigService, logger: LoggerService): EntityStatusService {
  const requestTimeoutMs = config.getOptionalNumber('mesh.status.requestTimeoutMs') ?? 10_000;
  const syncWaitMs = config.getOptionalNumber('mesh.status.syncWaitMs') ?? 10_000;
  const maxBackoffMs = config.getOptionalNumber('mesh.status.maxBackoffMs') ?? 30_000;
  const rootNamespace = config.getOptionalString('mesh.rootNamespace') ?? 'istio-system';
  const metricsTtlMs = config.getOptionalNumber('mesh.status.metricsTtlMs') ?? 15_000;
  const clusters = readMeshClusters(config).map(cluster => {
    const source: ClusterSource = cluster.kubernetes
      ? new LiveClusterSource(cluster.kubernetes, logger, {
          requestTimeoutMs,
          syncWaitMs,
          pageSize: config.getOptionalNumber('mesh.status.pageSize') ?? 500,
          initialBackoffMs: Math.min(500, maxBackoffMs),
          maxBackoffMs,
          rootNamespace,
        })
      : new SnapshotClusterSource(cluster.name, cluster.snapshotDirectory!);
    return { source, metrics: cluster.prometheus ? new FleetMetricsCache(new PrometheusClient(cluster.prometheus, requestTimeoutMs), metricsTtlMs) : undefined };
  });
  logger.info(`mesh status reads ${clusters.length} cluster(s): ${clusters.map(c => `${c.source.name}${c.metrics ? ' (with Prometheus)' : ''}`).join(', ') || 'none'}`);
  const maxPodsPerEntity = config.getOptionalNumber('mesh.status.maxPodsPerEntity') ?? 5000;
  return new EntityStatusService(clusters, rootNamespace, logger, pendingChangesSourceFor(config), maxPodsPerEntity);
}
