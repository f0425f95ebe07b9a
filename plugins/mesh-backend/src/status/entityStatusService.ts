import { LoggerService } from '@backstage/backend-plugin-api';
import { InputError, isError, NotFoundError, ServiceUnavailableError } from '@backstage/errors';
import {
  AfterMergeStatus,
  compareDesired,
  gitopsControllersFor,
  clusterErrorStatus,
  clusterStatusFromSlice,
  ClusterMeshStatus,
  EntityMeshStatus,
  entityTarget,
  EntityTarget,
  isDnsLabel,
  DEFAULT_ERROR_RATE_THRESHOLDS,
  ErrorRateThresholds,
  errorRateThresholdsFrom,
  HEALTH_THRESHOLDS_ANNOTATION,
  KUBERNETES_ID_ANNOTATION,
  KUBERNETES_NAMESPACE_ANNOTATION,
  metricsTargetOf,
  PendingChangesStatus,
} from '@meshport/plugin-mesh-common';
import { ClusterSource } from '../cluster/clusterSource';
import { DesiredStateSource } from '../desired/desiredState';
import { readEntityMetrics } from '../metrics/entityMetrics';
import { FleetMetricsCache } from '../metrics/fleetMetricsCache';
import { PendingChangesSource } from '../pending/pendingChanges';

/** A cluster with its Prometheus, if any. */
export interface StatusCluster {
  source: ClusterSource;
  /** The cluster's Prometheus, read once per TTL for every entity. */
  metrics?: FleetMetricsCache;
}

/** The part of a catalog entity the status reads. */
export interface StatusEntity {
  ref: string;
  annotations: Record<string, string | undefined>;
  /** The components that dependsOn it in the catalog, with the principal each presents (read for the Mesh tab). */
  dependents?: Array<{ ref: string; principal: string }>;
}

type DesiredState = Awaited<ReturnType<DesiredStateSource['forService']>>;

/** The merged configuration against one cluster, or why it could not be read. */
function afterMergeOf(desired: DesiredState, source: ClusterSource): AfterMergeStatus {
  if ('error' in desired) return { objects: [], error: desired.error };
  const controllers = gitopsControllersFor(desired.folder, source.list('Application'), source.list('Kustomization'));
  return {
    commit: desired.commit,
    folder: desired.folder,
    objects: compareDesired(desired.objects, source.lookup),
    ...(controllers.length > 0 ? { controllers } : {}),
  };
}

/** What an entity's annotations say; one that cannot be read (an InputError) is the caller's error (400), named with the entity. */
function fromAnnotations<T>(entity: StatusEntity, read: () => T): T {
  try {
    return read();
  } catch (error) {
    if (isError(error) && error.name === 'InputError') throw new InputError(`${entity.ref}: ${error.message}`);
    throw error;
  }
}

/** The entity's error-rate thresholds: its annotation's, else the portal's. */
function healthThresholdsOf(entity: StatusEntity, defaults: ErrorRateThresholds) {
  return fromAnnotations(entity, () => errorRateThresholdsFrom(entity.annotations[HEALTH_THRESHOLDS_ANNOTATION], defaults));
}

/** Which cluster objects are the entity's. */
function targetOf(entity: StatusEntity) {
  return fromAnnotations(entity, () => entityTarget(entity.annotations));
}

export class EntityStatusService {
  constructor(
    private readonly clusters: StatusCluster[],
    private readonly rootNamespace: string,
    private readonly logger: LoggerService,
    private readonly pendingChanges?: PendingChangesSource,
    private readonly maxPodsPerEntity = 5000,
    private readonly healthThresholds: ErrorRateThresholds = DEFAULT_ERROR_RATE_THRESHOLDS,
    private readonly desired?: DesiredStateSource,
  ) {}

  start(): void {
    this.clusters.forEach(c => c.source.start());
  }

  stop(): void {
    this.clusters.forEach(c => c.source.stop());
  }

  private async clusterStatus(
    cluster: StatusCluster,
    target: EntityTarget,
    entity: StatusEntity,
    healthThresholds: ReturnType<typeof healthThresholdsOf>,
    desired: Promise<DesiredState> | undefined,
  ): Promise<ClusterMeshStatus> {
    const name = cluster.source.name;
    try {
      const answer = await cluster.source.sliceFor(target, this.rootNamespace);
      if ('error' in answer) return clusterErrorStatus(name, answer.error);
      if (answer.slice.pods.length > this.maxPodsPerEntity) {
        return clusterErrorStatus(name, {
          reason: 'too-broad',
          message: `the entity's selector "${target.selector}" matches ${answer.slice.pods.length} pods${
            target.namespace ? '' : ' in every namespace'
          }, more than mesh.status.maxPodsPerEntity (${
            this.maxPodsPerEntity
          }); narrow it (backstage.io/kubernetes-label-selector, backstage.io/kubernetes-namespace)`,
        });
      }
      const metricsTarget = metricsTargetOf(answer.slice);
      const metrics = cluster.metrics && metricsTarget ? await readEntityMetrics(cluster.metrics, metricsTarget) : undefined;
      const settings = {
        rightSizingRule: cluster.metrics?.rightSizing.rule,
        canaryThresholds: cluster.metrics?.canaryThresholds,
        healthThresholds,
        ...(entity.dependents ? { dependents: entity.dependents } : {}),
      };
      const status = clusterStatusFromSlice(name, answer.slice, this.rootNamespace, { metrics, settings, proxySync: await cluster.source.proxySync?.() });
      const afterMerge = desired ? afterMergeOf(await desired, cluster.source) : undefined;
      return { ...status, ...(answer.degraded ? { degraded: answer.degraded } : {}), ...(afterMerge ? { afterMerge } : {}) };
    } catch (error) {
      this.logger.error(`mesh status for cluster ${name} failed: ${(error as Error).message}`);
      return clusterErrorStatus(name, { reason: 'unknown', message: (error as Error).message });
    }
  }

  /** The open Meshport change for the service; an error in words when its names cannot name a branch. */
  private async pendingChangesOf(namespace: string | undefined, service: string | undefined): Promise<PendingChangesStatus> {
    if (!this.pendingChanges || !namespace || !service) return { items: [] };
    if (!isDnsLabel(service)) {
      return { items: [], error: `${KUBERNETES_ID_ANNOTATION} "${service}" is not a DNS label, so no Meshport change branch is named after it` };
    }
    return this.pendingChanges.forService(namespace, service);
  }

  /**
   * The YAML files of the entity's folder on the GitOps target branch, what a form's preview compares its
   * files with. A NotFoundError when no repository is configured; the names come from the entity's
   * Kubernetes annotations, which must be DNS labels.
   */
  async mergedFilesOf(entity: StatusEntity): Promise<{ commit: string; folder: string; files: Array<{ path: string; content: string }> }> {
    if (!this.desired) throw new NotFoundError('no GitOps repository is configured (mesh.gitops.defaultRepoUrl)');
    const namespace = entity.annotations[KUBERNETES_NAMESPACE_ANNOTATION];
    const service = entity.annotations[KUBERNETES_ID_ANNOTATION];
    if (!namespace || !service || !isDnsLabel(namespace) || !isDnsLabel(service)) {
      throw new InputError(
        `${entity.ref}: its ${KUBERNETES_ID_ANNOTATION} and ${KUBERNETES_NAMESPACE_ANNOTATION} annotations must both be DNS labels to name its GitOps folder`,
      );
    }
    const merged = await this.desired.filesForService(namespace, service);
    if ('error' in merged) throw new ServiceUnavailableError(merged.error);
    const files = [...merged.files].filter(([file]) => /\.ya?ml$/.test(file)).map(([file, content]) => ({ path: file, content }));
    return { commit: merged.commit, folder: merged.folder, files };
  }

  /** The entity's status in every cluster; undefined target when it has no Kubernetes annotations. */
  async statusOf(entity: StatusEntity): Promise<EntityMeshStatus> {
    const target = targetOf(entity);
    const generatedAt = new Date().toISOString();
    if (!target) return { entityRef: entity.ref, generatedAt, clusters: [], pendingChanges: { items: [] } };
    const service = entity.annotations[KUBERNETES_ID_ANNOTATION];
    const healthThresholds = healthThresholdsOf(entity, this.healthThresholds);
    // One read of the merged configuration, compared with each cluster.
    const desired = this.desired && target.namespace && service && isDnsLabel(service) ? this.desired.forService(target.namespace, service) : undefined;
    const [clusters, pendingChanges] = await Promise.all([
      Promise.all(this.clusters.map(cluster => this.clusterStatus(cluster, target, entity, healthThresholds, desired))),
      this.pendingChangesOf(target.namespace, service),
    ]);
    return { entityRef: entity.ref, generatedAt, target: { namespace: target.namespace, selector: target.selector }, clusters, pendingChanges };
  }
}
