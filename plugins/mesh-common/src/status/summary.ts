import { Finding } from '../analyze';
import { FINDING_LEVEL_RANK } from '../analyze/findings';
import { Amounts } from '../overhead';
import { EntityMeshStatus } from '../api/statusTypes';

/**
 * One entity's mesh status in a line: what the overview shows for each component.
 *
 * @public
 */
export interface EntityMeshSummary {
  entityRef: string;
  namespace?: string;
  injectedPods: number;
  /** Pods in ambient mode: on the mesh without a sidecar. */
  ambientPods: number;
  totalPods: number;
  /** At least one pod has a proxy or is in ambient mode. */
  onboarded: boolean;
  /** On the mesh, and every workload's default mTLS mode is STRICT (off the mesh no mode is enforced). */
  strictMtls: boolean;
  /** What all its pods would request with sidecars, and in ambient mode (their ztunnel share and waypoint). */
  dataPlaneRequests?: { sidecar: Amounts; ambient: Amounts };
  /** What right-sizing the sidecars would free, over the clusters that recommend it. */
  sidecarSaving?: Amounts;
  sidecarCpuMillicores: number;
  sidecarMemoryBytes: number;
  /** Sidecar CPU requests over the app's. */
  sidecarCpuShare?: number;
  worstFinding?: Finding;
  findingCount: number;
  /** "cluster: reason" for each cluster that could not be read. */
  failingClusters: string[];
}

/**
 * The summary of a status over the clusters that could be read.
 *
 * @public
 */
export function statusSummary(status: EntityMeshStatus): EntityMeshSummary {
  const clusters = status.clusters.filter(c => !c.error);
  const defaults = clusters.flatMap(c => c.security.mtls.flatMap(w => w.ports.filter(p => p.port === '*').map(p => p.mode)));
  const findings = clusters.flatMap(c => c.findings).sort((a, b) => FINDING_LEVEL_RANK[a.level] - FINDING_LEVEL_RANK[b.level]);
  const sum = (pick: (c: (typeof clusters)[number]) => number | undefined) => clusters.reduce((total, c) => total + (pick(c) ?? 0), 0);
  const appCpu = sum(c => c.overhead.total.app.requests.cpu);
  const sidecarCpu = sum(c => c.overhead.total.sidecar.requests.cpu);
  const injected = sum(c => c.workloads.injectedPods);
  const ambient = sum(c => c.workloads.ambientPods);
  const priced = clusters.filter(c => c.overhead.dataPlanes);
  const recommends = (c: (typeof clusters)[number]) => c.overhead.rightSizing?.state === 'recommend';
  const recommending = clusters.filter(recommends);
  const requests = (mode: 'sidecar' | 'ambient', field: 'cpu' | 'memory') => sum(c => c.overhead.dataPlanes?.[mode].total.requests[field]);
  return {
    entityRef: status.entityRef,
    ...(status.target?.namespace ? { namespace: status.target.namespace } : {}),
    injectedPods: injected,
    ambientPods: ambient,
    totalPods: sum(c => c.workloads.totalPods),
    onboarded: injected + ambient > 0,
    strictMtls: injected + ambient > 0 && defaults.length > 0 && defaults.every(mode => mode === 'STRICT'),
    ...(recommending.length > 0
      ? {
          sidecarSaving: {
            cpu: sum(c => (recommends(c) ? c.overhead.rightSizing?.saving?.cpu : 0)),
            memory: sum(c => (recommends(c) ? c.overhead.rightSizing?.saving?.memory : 0)),
          },
        }
      : {}),
    ...(priced.length > 0
      ? {
          dataPlaneRequests: {
            sidecar: { cpu: requests('sidecar', 'cpu'), memory: requests('sidecar', 'memory') },
            ambient: { cpu: requests('ambient', 'cpu'), memory: requests('ambient', 'memory') },
          },
        }
      : {}),
    sidecarCpuMillicores: sidecarCpu,
    sidecarMemoryBytes: sum(c => c.overhead.total.sidecar.requests.memory),
    ...(appCpu > 0 ? { sidecarCpuShare: sidecarCpu / appCpu } : {}),
    ...(findings[0] ? { worstFinding: findings[0] } : {}),
    findingCount: findings.length,
    failingClusters: status.clusters.filter(c => c.error).map(c => `${c.cluster}: ${c.error!.reason}`),
  };
}
