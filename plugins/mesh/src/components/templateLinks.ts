import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { useRouteRef } from '@backstage/core-plugin-api';
import { CanaryAnalysis, CanaryStatus, formatCpu, formatMemory, SidecarRightSizing } from '@meshport/plugin-mesh-common';
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
  return onboardingLinkFor(stringifyEntityRef(entity));
}

/** The onboard-service template with the entity of this reference picked. */
export function onboardingLinkFor(entityRef: string): TemplateLink {
  return templateLink('mesh-onboard-service', { entity: entityRef });
}

/** The template that makes the stored policy's mTLS mode STRICT and changes nothing else (its preview says who keeps access). */
export function strictMtlsLink(entityRef: string): TemplateLink {
  return templateLink('mesh-strict-mtls', { entity: entityRef });
}

/** The egress template for the hosts the service was refused, so that a ServiceEntry declares them. */
export function egressLink(entityRef: string, hosts: string[]): TemplateLink {
  return templateLink('mesh-egress', { entity: entityRef, ...(hosts.length > 0 ? { hosts } : {}) });
}

/**
 * The right-sizing template with the recommended sidecar requests and the pods they were measured on: it
 * changes only those in the stored policy, and its preview prices them for that many pods.
 */
export function rightSizingLink(entityRef: string, recommended: NonNullable<SidecarRightSizing['recommended']>, pods?: number): TemplateLink {
  return templateLink('mesh-right-size-proxy', {
    entity: entityRef,
    proxyCpuRequest: formatCpu(recommended.cpuRequest),
    proxyMemoryRequest: formatMemory(recommended.memoryRequest),
    proxyMemoryLimit: formatMemory(recommended.memoryLimit),
    ...(pods ? { replicas: pods } : {}),
  });
}

/**
 * The template that turns the stored policy's dry run off and changes nothing else: the callers, health
 * checks and scope it tried are enforced as Git holds them, and its preview says who keeps access.
 */
export function enforceLink(entityRef: string): TemplateLink {
  return templateLink('mesh-enforce-authorization', { entity: entityRef });
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

/**
 * The canary template's start step with the versions and the weight the cluster runs: it brings a canary
 * that runs without Git into the stored policy, so that the next step (shift, promote, roll back) edits it.
 */
export function adoptCanaryLink(entityRef: string, canary: CanaryStatus): TemplateLink | undefined {
  const [stable, next] = canary.split;
  const stableVersion = canary.analysis?.stableVersion ?? stable?.version;
  const canaryVersion = canary.analysis?.canaryVersion ?? next?.version;
  if (!stableVersion || !canaryVersion) return undefined;
  const canaryWeight = canary.split.find(entry => entry.version === canaryVersion)?.weight ?? 0;
  return templateLink('mesh-canary-release', { entity: entityRef, step: 'start', stableVersion, canaryVersion, canaryWeight });
}
