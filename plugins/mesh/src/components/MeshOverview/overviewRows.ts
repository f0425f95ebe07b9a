import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { EntityMeshSummary } from '@meshport/plugin-mesh-common';

/** One component's line on the overview. */
export interface OverviewRow extends Omit<EntityMeshSummary, 'failingClusters' | 'namespace'> {
  name: string;
  namespace?: string;
  problem?: string;
}

const EMPTY: Omit<EntityMeshSummary, 'entityRef'> = {
  injectedPods: 0,
  ambientPods: 0,
  totalPods: 0,
  onboarded: false,
  strictMtls: false,
  sidecarCpuMillicores: 0,
  sidecarMemoryBytes: 0,
  findingCount: 0,
  failingClusters: [],
  health: 'unknown',
  drifted: 0,
  callers: [],
};

/** The overview line for a component from its status summary (or from why it could not be read). */
export function overviewRow(entity: Entity, answer: { summary?: EntityMeshSummary; error?: Error }): OverviewRow {
  const { failingClusters, ...summary } = answer.summary ?? { ...EMPTY, entityRef: stringifyEntityRef(entity) };
  return {
    ...summary,
    name: entity.metadata.name,
    entityRef: stringifyEntityRef(entity),
    problem: answer.error?.message ?? (failingClusters.length > 0 ? `clusters not read: ${failingClusters.join(', ')}` : undefined),
  };
}

/** Coverage and cost over every component shown, and the mesh-wide requests of each data plane (over the components priced). */
export function overviewSummary(rows: OverviewRow[]) {
  const onboarded = rows.filter(r => r.onboarded);
  const priced = rows.filter(r => r.dataPlaneRequests);
  // The biggest right-sizing savings first, by the memory they free.
  const rightSizing = rows
    .filter(r => r.sidecarSaving && (r.sidecarSaving.memory ?? 0) > 0)
    .sort((a, b) => (b.sidecarSaving!.memory ?? 0) - (a.sidecarSaving!.memory ?? 0));
  const total = (mode: 'sidecar' | 'ambient', field: 'cpu' | 'memory') => priced.reduce((sum, r) => sum + (r.dataPlaneRequests![mode][field] ?? 0), 0);
  return {
    components: rows.length,
    onboarded: onboarded.length,
    strictMtls: onboarded.filter(r => r.strictMtls).length,
    sidecarCpuMillicores: rows.reduce((sum, r) => sum + r.sidecarCpuMillicores, 0),
    sidecarMemoryBytes: rows.reduce((sum, r) => sum + r.sidecarMemoryBytes, 0),
    priced: priced.length,
    allSidecar: { cpu: total('sidecar', 'cpu'), memory: total('sidecar', 'memory') },
    allAmbient: { cpu: total('ambient', 'cpu'), memory: total('ambient', 'memory') },
    rightSizing,
    rightSizingTotal: {
      cpu: rightSizing.reduce((sum, r) => sum + (r.sidecarSaving!.cpu ?? 0), 0),
      memory: rightSizing.reduce((sum, r) => sum + (r.sidecarSaving!.memory ?? 0), 0),
    },
  };
}
