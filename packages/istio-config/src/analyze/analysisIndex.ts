import { expandLists } from '../objects/lists';
import { AnalyzedObject } from '../objects/kinds';
import { ObjectIndex } from '../objects/objectIndex';
import { selectorMatches } from '../istio/selectors';
import { ServiceHostMap, serviceHostMap } from '../istio/serviceLookup';

/** Namespaces istioctl never reads (inject.IgnoredNamespaces). */
export const IGNORED_NAMESPACES = new Set(['kube-system', 'kube-public', 'kube-node-lease', 'local-path-storage']);

const CLUSTER_SCOPED = new Set([
  'Namespace',
  'Node',
  'GatewayClass',
  'ClusterRole',
  'ClusterRoleBinding',
  'CustomResourceDefinition',
  'MutatingWebhookConfiguration',
  'ValidatingWebhookConfiguration',
  'PersistentVolume',
  'StorageClass',
  'PriorityClass',
]);

/**
 * The objects as istioctl reads them: well-formed ones only, namespaced kinds in "default" when they
 * name no namespace, and nothing from the namespaces istioctl ignores.
 *
 * @public
 */
export function normalizeObjects(objects: unknown[]): AnalyzedObject[] {
  const out: AnalyzedObject[] = [];
  for (const candidate of expandLists(objects) as AnalyzedObject[]) {
    if (!candidate || typeof candidate !== 'object' || typeof candidate.kind !== 'string' || typeof candidate.metadata?.name !== 'string') continue;
    const clusterScoped = CLUSTER_SCOPED.has(candidate.kind);
    const namespace = clusterScoped ? undefined : candidate.metadata.namespace || 'default';
    if (IGNORED_NAMESPACES.has(clusterScoped && candidate.kind === 'Namespace' ? candidate.metadata.name : namespace ?? '')) continue;
    out.push(namespace === candidate.metadata.namespace ? candidate : { ...candidate, metadata: { ...candidate.metadata, namespace } });
  }
  return out;
}

/**
 * The analysis's input indexed once (see ObjectIndex), with the lookups analyzers share: a namespace's
 * Namespace object, pods by namespace and selector, and the service hosts by the scopes they are exported to.
 *
 * @public
 */
export class AnalysisIndex extends ObjectIndex {
  private hostMap?: ServiceHostMap;

  constructor(objects: AnalyzedObject[], private readonly clusterDomain = 'cluster.local') {
    super();
    for (const object of objects) this.add(object);
  }

  /** The Namespace object of a namespace, if the input holds it. */
  namespace(name: string): AnalyzedObject | undefined {
    return this.get('Namespace', undefined, name);
  }

  /** Pods in a namespace, or in every namespace. */
  pods(namespace?: string): AnalyzedObject[] {
    return namespace === undefined ? this.ofKind('Pod') : this.inNamespace('Pod', namespace);
  }

  /** Pods whose labels hold every label of the selector (in one namespace, or any); every pod for an empty selector. */
  podsMatching(selector: Record<string, string> | undefined, namespace?: string): AnalyzedObject[] {
    return this.matching('Pod', namespace, selector ?? {}, labels => selectorMatches(selector, labels));
  }

  /** Every ServiceEntry host and Service by the scopes they are exported to (built once). */
  serviceHosts(): ServiceHostMap {
    this.hostMap ??= serviceHostMap(this.ofKind('ServiceEntry'), this.ofKind('Service'), this.clusterDomain);
    return this.hostMap;
  }
}
