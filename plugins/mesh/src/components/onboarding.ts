import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { EntityMeshStatus, formatCpu, formatMemory, SidecarRightSizing } from '@meshport/plugin-mesh-common';

/** A template's form with some of its values filled in (the entity among them). */
export function templateLink(template: string, formData: Record<string, unknown>): string {
  return `/create/templates/default/${template}?formData=${encodeURIComponent(JSON.stringify(formData))}`;
}

/** The onboard-service template with this entity already picked. */
export function onboardingLink(entity: Entity): string {
  return templateLink('mesh-onboard-service', { entity: stringifyEntityRef(entity) });
}

/**
 * The onboard-service template with the entity picked and the recommended sidecar requests filled in: the
 * form shows the rest of the policy, and its preview what the change request will hold.
 */
export function rightSizingLink(entityRef: string, recommended: NonNullable<SidecarRightSizing['recommended']>): string {
  return templateLink('mesh-onboard-service', {
    entity: entityRef,
    dataPlane: 'sidecar',
    proxyCpuRequest: formatCpu(recommended.cpuRequest),
    proxyMemoryRequest: formatMemory(recommended.memoryRequest),
    proxyMemoryLimit: formatMemory(recommended.memoryLimit),
  });
}

/** The onboard-service template with the entity picked and the dry run off: the change that enforces the tried policies. */
export function enforceLink(entityRef: string): string {
  return templateLink('mesh-onboard-service', { entity: entityRef, authorizationDryRun: false });
}

/** True when no cluster that answered has an injected or ambient pod: the service is not on the mesh yet. */
export function isNotOnboarded(status: EntityMeshStatus): boolean {
  const answering = status.clusters.filter(c => !c.error);
  return answering.length > 0 && answering.every(c => c.workloads.injectedPods + c.workloads.ambientPods === 0);
}
