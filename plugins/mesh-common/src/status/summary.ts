import { Finding } from '../analyze';
import { FINDING_LEVEL_RANK } from '../analyze/findings';
import { EntityMeshStatus } from './types';

/** One entity's mesh status in a line: what the overview shows for each component. */
export interface EntityMeshSummary {
  entityRef: string;
  namespace?: string;
  injectedPods: number;
  totalPods: number;
  /** At least one pod has a proxy. */
  onboarded: boolean;
  /** On the mesh, and every workload's default mTLS mode is STRICT (without a proxy no mode is enforced). */
  strictMtls: boolean;
  sidecarCpuMillicores: number;
  sidecarMemoryBytes: number;
  /** Sidecar CPU requests over the app's. */
  sidecarCpuShare?: number;
  worstFinding?: Finding;
  findingCount: number;
  /** "cluster: reason" for each cluster that could not be read. */
  failingClusters: string[];
}

/** The summary of a status over the clusters that could be read. */
export function statusSummary(status: EntityMeshStatus): EntityMeshSummary {
  const clusters = status.clusters.filter(c => !c.error);
  const defaults = clusters.flatMap(c => c.security.mtls.flatMap(w => w.ports.filter(p => p.port === '*').map(p => p.mode)));
  const findings = clusters.flatMap(c => c.findings).sort((a, b) => FINDING_LEVEL_RANK[a.level] - FINDING_LEVEL_RANK[b.level]);
  const sum = (pick: (c: (typeof clusters)[number]) => number | undefined) => clusters.reduce((total, c) => total + (pick(c) ?? 0), 0);
  const appCpu = sum(c => c.overhead.total.app.requests.cpu);
  const sidecarCpu = sum(c => c.overhead.total.sidecar.requests.cpu);
  const injected = sum(c => c.workloads.injectedPods);
  return {
    entityRef: status.entityRef,
    ...(status.target?.namespace ? { namespace: status.target.namespace } : {}),
    injectedPods: injected,
    totalPods: sum(c => c.workloads.totalPods),
    onboarded: injected > 0,
    strictMtls: injected > 0 && defaults.length > 0 && defaults.every(mode => mode === 'STRICT'),
    sidecarCpuMillicores: sidecarCpu,
    sidecarMemoryBytes: sum(c => c.overhead.total.sidecar.requests.memory),
    ...(appCpu > 0 ? { sidecarCpuShare: sidecarCpu / appCpu } : {}),
    ...(findings[0] ? { worstFinding: findings[0] } : {}),
    findingCount: findings.length,
    failingClusters: status.clusters.filter(c => c.error).map(c => `${c.cluster}: ${c.error!.reason}`),
  };
}
