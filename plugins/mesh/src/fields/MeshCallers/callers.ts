import { Entity, parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import { componentPrincipal } from '@meshport/plugin-mesh-common';

/**
 * One allowed caller as the onboarding template's `allowedCallers` holds it.
 *
 * @public
 */
export interface CallerRule {
  principals: string[];
  methods?: string[];
  paths?: string[];
}

/**
 * The SPIFFE principal a component's pods present: its namespace annotation and its service account
 * (the meshport.io/service-account annotation, else the kubernetes-id, else the component's name).
 */
export function principalOf(entity: Entity): string {
  return componentPrincipal(entity.metadata.annotations ?? {}, entity.metadata.name);
}

/** The components that declare `dependsOn` the target: the callers to allow by default. */
export function dependentsOf(components: Entity[], targetRef: string | undefined): Entity[] {
  if (!targetRef) return [];
  const target = stringifyEntityRef(parseEntityRef(targetRef, { defaultKind: 'component', defaultNamespace: 'default' }));
  return components.filter(c => (c.relations ?? []).some(r => r.type === 'dependsOn' && r.targetRef === target));
}

/** The caller rules for the chosen components, keeping each one's methods and paths from before. */
export function rulesFor(chosen: Entity[], previous: CallerRule[] = []): CallerRule[] {
  return chosen.map(entity => {
    const principal = principalOf(entity);
    const before = previous.find(rule => rule.principals.includes(principal));
    return {
      principals: [principal],
      ...(before?.methods?.length ? { methods: before.methods } : {}),
      ...(before?.paths?.length ? { paths: before.paths } : {}),
    };
  });
}
