import { FINDING_LEVEL_RANK } from '@meshport/istio-config';
import type { components } from './openapi.generated';
import { ClusterMeshStatus, EntityMeshStatus, HealthState } from './statusTypes';

/**
 * One entity's mesh status in a line: what the overview shows for each component (`POST /v1/summaries`).
 *
 * @public
 */
export type EntityMeshSummary = components['schemas']['EntityMeshSummary'];

/**
 * Worst first: the order the overview and its sorting go by.
 *
 * @public
 */
export const HEALTH_RANK: Record<HealthState, number> = { failing: 0, degraded: 1, unknown: 2, healthy: 3, idle: 4 };

/** A cluster's health state: its assessment, idle with no requests, unknown without figures. */
function healthOf(cluster: ClusterMeshStatus): HealthState {
  if (cluster.health.assessment) return cluster.health.assessment.state;
  return cluster.health.state === 'no-traffic' ? 'idle' : 'unknown';
}

/** The inbound edges added up by the callers' namespace. */
function callersByNamespace(clusters: ClusterMeshStatus[]): EntityMeshSummary['callers'] {
  const byNamespace = new Map<string, { requests: number; errors: number }>();
  for (const edge of clusters.flatMap(c => c.traffic.edges ?? []).filter(e => e.direction === 'inbound')) {
    const entry = byNamespace.get(edge.source.namespace) ?? { requests: 0, errors: 0 };
    entry.requests += edge.requestRate;
    entry.errors += edge.requestRate * (edge.errorShare ?? 0);
    byNamespace.set(edge.source.namespace, entry);
  }
  return [...byNamespace]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([namespace, { requests, errors }]) => ({ namespace, requestRate: requests, ...(requests > 0 ? { errorShare: errors / requests } : {}) }));
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
  const measured = clusters.filter(c => c.health.overall);
  const requestRate = sum(c => c.health.overall?.requestRate);
  const errors = sum(c => (c.health.overall?.requestRate ?? 0) * (c.health.overall?.errorShare ?? 0));
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
    health: clusters.length === 0 ? 'unknown' : clusters.map(healthOf).sort((a, b) => HEALTH_RANK[a] - HEALTH_RANK[b])[0],
    ...(measured.length > 0 ? { requestRate, ...(requestRate > 0 ? { errorShare: errors / requestRate } : {}) } : {}),
    drifted: clusters.flatMap(c => c.afterMerge?.objects ?? []).filter(o => o.state === 'drifted' || o.state === 'not-applied').length,
    callers: callersByNamespace(clusters),
  };
}
