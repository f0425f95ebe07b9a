import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { useRouteRef } from '@backstage/core-plugin-api';
import { CanaryAnalysis, formatCpu, formatMemory, SidecarRightSizing } from '@meshport/plugin-mesh-common';
import { templateRouteRef } from '../routes';

/** A template of the default namespace, with some of its form values filled in (the entity among them). */
export interface TemplateLink {
  template: string;
  formData: Record<string, unknown>;
}

function templateLink(template: string, formData: Record<string, unknown>): TemplateLink {
  return { template, formData };
}

/** Where a template link goes in this app (the scaffolder's template page, through the route ref), or undefined when the app has not bound it. */
export function useTemplateHref(): (link: TemplateLink) => string | undefined {
  const templateRoute = useRouteRef(templateRouteRef);
  return link =>
    templateRoute && `${templateRoute({ namespace: 'default', templateName: link.template })}?formData=${encodeURIComponent(JSON.stringify(link.formData))}`;
}

/** The onboard-service template with this entity already picked. */
export function onboardingLink(entity: Entity): TemplateLink {
  return templateLink('mesh-onboard-service', { entity: stringifyEntityRef(entity) });
}

/**
 * The onboard-service template with the entity picked and the recommended sidecar requests filled in: the
 * form shows the rest of the policy, and its preview what the change request will hold.
 */
export function rightSizingLink(entityRef: string, recommended: NonNullable<SidecarRightSizing['recommended']>): TemplateLink {
  return templateLink('mesh-onboard-service', {
    entity: entityRef,
    dataPlane: 'sidecar',
    proxyCpuRequest: formatCpu(recommended.cpuRequest),
    proxyMemoryRequest: formatMemory(recommended.memoryRequest),
    proxyMemoryLimit: formatMemory(recommended.memoryLimit),
  });
}

/** The onboard-service template with the entity picked and the dry run off: the change that enforces the tried policies. */
export function enforceLink(entityRef: string): TemplateLink {
  return templateLink('mesh-onboard-service', { entity: entityRef, authorizationDryRun: false });
}

/** The canary template with the step the analysis recommends chosen (and the next weight for a shift); none while it waits. */
export function canaryStepLink(entityRef: string, analysis: CanaryAnalysis): TemplateLink | undefined {
  if (analysis.verdict === 'wait') return undefined;
  return templateLink('mesh-canary-release', {
    entity: entityRef,
    step: analysis.verdict,
    ...(analysis.verdict === 'shift' ? { canaryWeight: analysis.nextWeight } : {}),
  });
}
