import { Entity, parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import { KUBERNETES_ID_ANNOTATION, KUBERNETES_NAMESPACE_ANNOTATION } from '@meshport/plugin-mesh-common';

/**
 * The proxy scope as the onboarding template's `proxyScope` holds it.
 *
 * @public
 */
export interface ProxyScope {
  hosts: string[];
}

/** The host a component's Service answers on, in a Sidecar's "<namespace>/<host>" form; none without a kubernetes-id. */
export function scopeHostOf(entity: Entity): string | undefined {
  const annotations = entity.metadata.annotations ?? {};
  const id = annotations[KUBERNETES_ID_ANNOTATION];
  if (!id) return undefined;
  const namespace = annotations[KUBERNETES_NAMESPACE_ANNOTATION] || 'default';
  return `${namespace}/${id}.${namespace}.svc.cluster.local`;
}

const refOf = (ref: string, defaultKind: string) => stringifyEntityRef(parseEntityRef(ref, { defaultKind, defaultNamespace: 'default' }));

/** What a component calls, by the catalog: the components it dependsOn, and those that provide the APIs it consumesApis. */
export function calleesOf(components: Entity[], target: Entity | undefined): Entity[] {
  if (!target) return [];
  const relations = target.relations ?? [];
  const dependsOn = new Set(relations.filter(r => r.type === 'dependsOn').map(r => refOf(r.targetRef, 'component')));
  const consumes = new Set(relations.filter(r => r.type === 'consumesApi').map(r => refOf(r.targetRef, 'api')));
  return components.filter(
    c => dependsOn.has(stringifyEntityRef(c)) || (c.relations ?? []).some(r => r.type === 'providesApi' && consumes.has(refOf(r.targetRef, 'api'))),
  );
}

/**
 * What the scope leaves out, in words: the proxies learn the chosen hosts besides their namespace and
 * istio-system, where without a Sidecar each holds every service of the mesh (Istio: a proxy's memory
 * grows with the listeners, clusters and routes it holds).
 */
export function scopeInWords(scope: ProxyScope, components: Entity[], namespace: string | undefined): string {
  const onKubernetes = components.filter(c => scopeHostOf(c));
  const kept = onKubernetes.filter(c => {
    const host = scopeHostOf(c)!;
    return scope.hosts.includes(host) || host.startsWith(`${namespace}/`);
  });
  const left = onKubernetes.length - kept.length;
  return (
    `The proxies learn ${scope.hosts.length} host(s) besides their own namespace's and istio-system's. ` +
    `Of the ${onKubernetes.length} other services the catalog knows on Kubernetes, they leave out ${left}: ` +
    `their configuration (listeners, clusters, routes), and with it the memory it takes, is not pushed to these proxies; calls to them fail.`
  );
}
