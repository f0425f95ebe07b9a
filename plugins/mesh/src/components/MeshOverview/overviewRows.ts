import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { EntityMeshStatus, Finding } from '@meshport/plugin-mesh-common';

/** One component's line on the overview. */
export interface OverviewRow {
  name: string;
  entityRef: string;
  meshTabPath: string;
  namespace?: string;
  injectedPods: number;
  totalPods: number;
  onboarded: boolean;
  /** On the mesh, and every workload's default mTLS mode is STRICT (without a proxy no mode is enforced). */
  strictMtls: boolean;
  sidecarCpuMillicores: number;
  sidecarMemoryBytes: number;
  sidecarCpuShare?: number;
  worstFinding?: Finding;
  findingCount: number;
  problem?: string;
}

const LEVEL_RANK = { error: 0, warning: 1, info: 2 } as const;

/** The overview line for a component from its status (or from why the status could not be read). */
export function overviewRow(entity: Entity, answer: { status?: EntityMeshStatus; error?: Error }): OverviewRow {
  const ref = stringifyEntityRef(entity);
  const base = {
    name: entity.metadata.name,
    entityRef: ref,
    meshTabPath: `/catalog/${entity.metadata.namespace ?? 'default'}/${entity.kind.toLowerCase()}/${entity.metadata.name}/mesh`,
  };
  const clusters = (answer.status?.clusters ?? []).filter(c => !c.error);
  const failing = (answer.status?.clusters ?? []).filter(c => c.error).map(c => `${c.cluster}: ${c.error!.reason}`);
  const defaults = clusters.flatMap(c => c.security.mtls.flatMap(w => w.ports.filter(p => p.port === '*').map(p => p.mode)));
  const findings = clusters.flatMap(c => c.findings).sort((a, b) => LEVEL_RANK[a.level] - LEVEL_RANK[b.level]);
  const sum = (pick: (c: (typeof clusters)[number]) => number | undefined) => clusters.reduce((total, c) => total + (pick(c) ?? 0), 0);
  const appCpu = sum(c => c.overhead.total.app.requests.cpu);
  const sidecarCpu = sum(c => c.overhead.total.sidecar.requests.cpu);
  const injected = sum(c => c.workloads.injectedPods);
  return {
    ...base,
    namespace: answer.status?.target?.namespace,
    injectedPods: injected,
    totalPods: sum(c => c.workloads.totalPods),
    onboarded: injected > 0,
    strictMtls: injected > 0 && defaults.length > 0 && defaults.every(mode => mode === 'STRICT'),
    sidecarCpuMillicores: sidecarCpu,
    sidecarMemoryBytes: sum(c => c.overhead.total.sidecar.requests.memory),
    sidecarCpuShare: appCpu > 0 ? sidecarCpu / appCpu : undefined,
    worstFinding: findings[0],
    findingCount: findings.length,
    problem: answer.error?.message ?? (failing.length > 0 ? `clusters not read: ${failing.join(', ')}` : undefined),
  };
}

/** Coverage and cost over every component shown. */
export function overviewSummary(rows: OverviewRow[]) {
  const onboarded = rows.filter(r => r.onboarded);
  return {
    components: rows.length,
    onboarded: onboarded.length,
    strictMtls: onboarded.filter(r => r.strictMtls).length,
    sidecarCpuMillicores: rows.reduce((total, r) => total + r.sidecarCpuMillicores, 0),
    sidecarMemoryBytes: rows.reduce((total, r) => total + r.sidecarMemoryBytes, 0),
  };
}
