import { LoggerService } from '@backstage/backend-plugin-api';
import {
  clusterErrorStatus,
  clusterStatusFromSlice,
  ClusterMeshStatus,
  EntityMeshStatus,
  entityTarget,
  EntityTarget,
  KUBERNETES_ID_ANNOTATION,
  metricsTargetOf,
} from '@meshport/plugin-mesh-common';
import { ClusterSource } from '../cluster/clusterSource';
import { readEntityMetrics } from '../metrics/entityMetrics';
import { PrometheusClient } from '../metrics/prometheusClient';
import { PendingChangesSource } from '../pending/pendingChanges';

/** A cluster with its Prometheus, if any. */
export interface StatusCluster {
  source: ClusterSource;
  prometheus?: PrometheusClient;
}

/** The part of a catalog entity the status reads. */
export interface StatusEntity {
  ref: string;
  annotations: Record<string, string | undefined>;
}

/** Assembles an entity's mesh status from every cluster, its metrics and its pending changes. */
export class EntityStatusService {
  constructor(
    private readonly clusters: StatusCluster[],
    private readonly rootNamespace: string,
    private readonly logger: LoggerService,
    private readonly pendingChanges?: PendingChangesSource,
  ) {}

  start(): void {
    this.clusters.forEach(c => c.source.start());
  }

  stop(): void {
    this.clusters.forEach(c => c.source.stop());
  }

  private async clusterStatus(cluster: StatusCluster, target: EntityTarget): Promise<ClusterMeshStatus> {
    const name = cluster.source.name;
    try {
      const answer = await cluster.source.sliceFor(target, this.rootNamespace);
      if ('error' in answer) return clusterErrorStatus(name, answer.error);
      const metricsTarget = metricsTargetOf(answer.slice);
      const metrics = cluster.prometheus && metricsTarget ? await readEntityMetrics(cluster.prometheus, metricsTarget) : undefined;
      const status = clusterStatusFromSlice(name, answer.slice, this.rootNamespace, metrics);
      return answer.degraded ? { ...status, degraded: answer.degraded } : status;
    } catch (error) {
      this.logger.error(`mesh status for cluster ${name} failed: ${(error as Error).message}`);
      return clusterErrorStatus(name, { reason: 'unknown', message: (error as Error).message });
    }
  }

  /** The entity's status in every cluster; undefined target when it has no Kubernetes annotations. */
  async statusOf(entity: StatusEntity): Promise<EntityMeshStatus> {
    const target = entityTarget(entity.annotations);
    const generatedAt = new Date().toISOString();
    if (!target) return { entityRef: entity.ref, generatedAt, clusters: [], pendingChanges: { items: [] } };
    const service = entity.annotations[KUBERNETES_ID_ANNOTATION];
    const [clusters, pendingChanges] = await Promise.all([
      Promise.all(this.clusters.map(cluster => this.clusterStatus(cluster, target))),
      this.pendingChanges && target.namespace && service ? this.pendingChanges.forService(target.namespace, service) : Promise.resolve({ items: [] }),
    ]);
    return { entityRef: entity.ref, generatedAt, target: { namespace: target.namespace, selector: target.selector }, clusters, pendingChanges };
  }
}
