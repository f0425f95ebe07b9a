import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { useRouteRef } from '@backstage/core-plugin-api';
import { CanaryAnalysis, DEFAULT_INGRESS_GATEWAY_PRINCIPAL, formatCpu, formatMemory, SecurityStatus, SidecarRightSizing } from '@meshport/plugin-mesh-common';
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

const HEALTH_CHECK_METHODS = 'GET,HEAD';

/**
 * The onboard-service form values that keep what the tried (dry-run) ALLOW policies admit: their callers
 * (principals with methods and paths), the ingress gateway's health-check paths, and deny-by-default (an
 * ALLOW policy without rules). Ingress rules are left out: the ingress section renders them again.
 */
export function triedAuthorization(security: Pick<SecurityStatus, 'authorizationPolicies'> | undefined) {
  const tried = (security?.authorizationPolicies ?? []).filter(policy => policy.dryRun && policy.action === 'ALLOW');
  const allowedCallers: Array<{ principals: string[]; methods?: string[]; paths?: string[] }> = [];
  const healthCheckPaths: string[] = [];
  for (const rule of tried.flatMap(policy => policy.rules) as any[]) {
    const principals: string[] = (rule?.from ?? []).flatMap((from: any) => from?.source?.principals ?? []);
    const operation = rule?.to?.[0]?.operation ?? {};
    const methods: string[] = operation.methods ?? [];
    const paths: string[] = operation.paths ?? [];
    const ingressGateway = principals.length === 1 && principals[0] === DEFAULT_INGRESS_GATEWAY_PRINCIPAL;
    if (principals.length === 0 || (ingressGateway && methods.length === 0)) continue;
    if (ingressGateway && methods.join(',') === HEALTH_CHECK_METHODS) healthCheckPaths.push(...paths);
    else allowedCallers.push({ principals, ...(methods.length > 0 ? { methods } : {}), ...(paths.length > 0 ? { paths } : {}) });
  }
  const denyByDefault = tried.some(policy => policy.rules.length === 0);
  return { allowedCallers, healthCheckPaths, denyByDefault };
}

/**
 * The onboard-service template with the entity picked, the dry run off, and what the tried policies admit
 * filled in: enforcing them must keep every caller they let in (the task refuses a change that takes access
 * away from a known caller, and says who).
 */
export function enforceLink(entityRef: string, security?: Pick<SecurityStatus, 'authorizationPolicies'>): TemplateLink {
  return templateLink('mesh-onboard-service', { entity: entityRef, authorizationDryRun: false, ...triedAuthorization(security) });
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
