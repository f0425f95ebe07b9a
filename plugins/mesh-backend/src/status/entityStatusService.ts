import { LoggerService } from '@backstage/backend-plugin-api';
import { InputError, isError, NotAllowedError, NotFoundError, ServiceUnavailableError } from '@backstage/errors';
import { FOLDER_RECORD_FILE, OwnershipDecision, recordedEntityOf } from '@meshport/plugin-mesh-node';
import {
  AfterMergeStatus,
  ClusterMeshStatus,
  EntityMeshStatus,
  entityTarget,
  EntityTarget,
  isDnsLabel,
  KUBERNETES_ID_ANNOTATION,
  KUBERNETES_NAMESPACE_ANNOTATION,
  PendingChangesStatus,
} from '@meshport/plugin-mesh-common';
import {
  compareDesired,
  gitopsControllersFor,
  clusterErrorStatus,
  clusterStatusFromSlice,
  DEFAULT_ERROR_RATE_THRESHOLDS,
  ErrorRateThresholds,
  errorRateThresholdsFrom,
  HEALTH_THRESHOLDS_ANNOTATION,
  metricsTargetOf,
} from '@meshport/plugin-mesh-status-node';
import { DesiredStateSource } from '../desired/desiredState';
import { readEntityMetrics } from '../metrics/entityMetrics';
import { PendingChangesSource } from '../pending/pendingChanges';
import { ClusterSource } from '../cluster/clusterSource';
import { ClusterSet } from './clusterFleet';
import { FolderClaims, FolderOwner } from './folderOwner';
import { StatusCluster } from './statusCluster';

/** The part of a catalog entity the status reads. */
export interface StatusEntity {
  ref: string;
  annotations: Record<string, string | undefined>;
  /** The components that dependsOn it in the catalog, with the principal each presents (read for the Mesh tab). */
  dependents?: Array<{ ref: string; principal: string }>;
  /** Its owners (ownedBy relations): whether a GitOps folder another entity names is also its. */
  owners?: string[];
}

type DesiredState = Awaited<ReturnType<DesiredStateSource['forService']>>;

/** The merged configuration against one cluster, or why it could not be read (or is not the entity's). */
function afterMergeOf(desired: DesiredState, source: ClusterSource, ownership: OwnershipDecision): AfterMergeStatus {
  if (!ownership.owned) return { objects: [], error: ownership.reason };
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
  private readonly folderOwner: FolderOwner;

  constructor(
    private readonly clusters: ClusterSet,
    private readonly rootNamespace: string,
    private readonly logger: LoggerService,
    private readonly pendingChanges?: PendingChangesSource,
    private readonly maxPodsPerEntity = 5000,
    private readonly healthThresholds: ErrorRateThresholds = DEFAULT_ERROR_RATE_THRESHOLDS,
    private readonly desired?: DesiredStateSource,
    folderClaims?: FolderClaims,
  ) {
    this.folderOwner = new FolderOwner(folderClaims);
  }

  /** Whether the service folder the entity names is the entity's; a catalog that cannot be read decides no. */
  private async ownershipOf(entity: StatusEntity, namespace: string, service: string, desired: Promise<DesiredState> | undefined): Promise<OwnershipDecision> {
    const read = desired ? await desired : undefined;
    const known = read && !('error' in read) ? read : undefined;
    try {
      return await this.folderOwner.decide(
        entity,
        { namespace, service, folder: known?.folder ?? `the GitOps folder of ${namespace}/${service}` },
        known?.recordedEntity,
      );
    } catch (error) {
      return { owned: false, reason: `whose the GitOps folder of ${namespace}/${service} is could not be read from the catalog: ${(error as Error).message}` };
    }
  }

  start(): void {
    this.clusters.start();
  }

  stop(): void {
    this.clusters.stop();
  }

  private async clusterStatus(
    cluster: StatusCluster,
    target: EntityTarget,
    entity: StatusEntity,
    healthThresholds: ReturnType<typeof healthThresholdsOf>,
    desired: Promise<DesiredState> | undefined,
    ownership: Promise<OwnershipDecision>,
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
      const afterMerge = desired ? afterMergeOf(await desired, cluster.source, await ownership) : undefined;
      return { ...status, ...(answer.degraded ? { degraded: answer.degraded } : {}), ...(afterMerge ? { afterMerge } : {}) };
    } catch (error) {
      this.logger.error(`mesh status for cluster ${name} failed: ${(error as Error).message}`);
      return clusterErrorStatus(name, { reason: 'unknown', message: (error as Error).message });
    }
  }

  /** The open Meshport change for the service; an error in words when its names cannot name a branch, or the folder is another entity's. */
  private async pendingChangesOf(
    namespace: string | undefined,
    service: string | undefined,
    ownership: Promise<OwnershipDecision> | undefined,
  ): Promise<PendingChangesStatus> {
    if (!this.pendingChanges || !namespace || !service) return { items: [] };
    if (!isDnsLabel(service)) {
      return { items: [], error: `${KUBERNETES_ID_ANNOTATION} "${service}" is not a DNS label, so no Meshport change branch is named after it` };
    }
    const decision = await ownership;
    if (decision && !decision.owned) return { items: [], error: decision.reason };
    return this.pendingChanges.forService(namespace, service);
  }

  /**
   * The YAML files of the entity's folder as a form's change starts from them (Meshport's change branch
   * while it holds an unmerged change, else the GitOps target branch), what a form's preview lays the
   * form over and compares its files with. A NotFoundError when no repository is configured; the names
   * come from the entity's Kubernetes annotations, which must be DNS labels.
   */
  async mergedFilesOf(entity: StatusEntity): Promise<{ commit: string; folder: string; branch?: string; files: Array<{ path: string; content: string }> }> {
    if (!this.desired) throw new NotFoundError('no GitOps repository is configured (mesh.gitops.defaultRepoUrl)');
    const namespace = entity.annotations[KUBERNETES_NAMESPACE_ANNOTATION];
    const service = entity.annotations[KUBERNETES_ID_ANNOTATION];
    if (!namespace || !service || !isDnsLabel(namespace) || !isDnsLabel(service)) {
      throw new InputError(
        `${entity.ref}: its ${KUBERNETES_ID_ANNOTATION} and ${KUBERNETES_NAMESPACE_ANNOTATION} annotations must both be DNS labels to name its GitOps folder`,
      );
    }
    const merged = await this.desired.filesForChange(namespace, service);
    if ('error' in merged) throw new ServiceUnavailableError(merged.error);
    const ownership = await this.folderOwner.decide(
      entity,
      { namespace, service, folder: merged.folder },
      recordedEntityOf(merged.files.get(FOLDER_RECORD_FILE)),
    );
    if (!ownership.owned) throw new NotAllowedError(`${entity.ref}: ${ownership.reason}`);
    const files = [...merged.files].filter(([file]) => /\.ya?ml$/.test(file)).map(([file, content]) => ({ path: file, content }));
    return { commit: merged.commit, folder: merged.folder, ...(merged.branch ? { branch: merged.branch } : {}), files };
  }

  /** The entity's status in every cluster; undefined target when it has no Kubernetes annotations. */
  async statusOf(entity: StatusEntity): Promise<EntityMeshStatus> {
    const target = targetOf(entity);
    const generatedAt = new Date().toISOString();
    if (!target) return { entityRef: entity.ref, generatedAt, clusters: [], pendingChanges: { items: [] } };
    const service = entity.annotations[KUBERNETES_ID_ANNOTATION];
    const healthThresholds = healthThresholdsOf(entity, this.healthThresholds);
    // One read of the merged configuration, compared with each cluster.
    const names = target.namespace && service && isDnsLabel(service) ? { namespace: target.namespace, service } : undefined;
    const desired = this.desired && names ? this.desired.forService(names.namespace, names.service) : undefined;
    const ownership = names && (desired || this.pendingChanges) ? this.ownershipOf(entity, names.namespace, names.service, desired) : undefined;
    const [clusters, pendingChanges] = await Promise.all([
      this.clusters
        .current()
        .then(current =>
          Promise.all(
            current.map(cluster =>
              this.clusterStatus(cluster, target, entity, healthThresholds, desired, ownership ?? Promise.resolve({ owned: true, notes: [] })),
            ),
          ),
        ),
      this.pendingChangesOf(target.namespace, service, ownership),
    ]);
    return { entityRef: entity.ref, generatedAt, target: { namespace: target.namespace, selector: target.selector }, clusters, pendingChanges };
  }
}
