import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { EntityMeshStatus, formatCpu, formatMemory, SidecarRightSizing } from '@meshport/plugin-mesh-common';

/** The onboard-service template with this entity already picked. */
export function onboardingLink(entity: Entity): string {
  const formData = JSON.stringify({ entity: stringifyEntityRef(entity) });
  return `/create/templates/default/mesh-onboard-service?formData=${encodeURIComponent(formData)}`;
}

/**
 * The onboard-service template with the entity picked and the recommended sidecar requests filled in: the
 * form shows the rest of the policy, and its preview what the change request will hold.
 */
export function rightSizingLink(entityRef: string, recommended: NonNullable<SidecarRightSizing['recommended']>): string {
  const formData = JSON.stringify({
    entity: entityRef,
    dataPlane: 'sidecar',
    proxyCpuRequest: formatCpu(recommended.cpuRequest),
    proxyMemoryRequest: formatMemory(recommended.memoryRequest),
    proxyMemoryLimit: formatMemory(recommended.memoryLimit),
  });
  return `/create/templates/default/mesh-onboard-service?formData=${encodeURIComponent(formData)}`;
}

/** True when no cluster that answered has an injected or ambient pod: the service is not on the mesh yet. */
export function isNotOnboarded(status: EntityMeshStatus): boolean {
  const answering = status.clusters.filter(c => !c.error);
  return answering.length > 0 && answering.every(c => c.workloads.injectedPods + c.workloads.ambientPods === 0);
}
