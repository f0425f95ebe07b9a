import { expandLists } from '../manifests/manifestFiles';
import { AnalyzedObject } from './types';
import { LabelIndex } from '../labels/labelIndex';
import { selectorMatches } from './istio/selectors';
import { ServiceHostMap, serviceHostMap } from './istio/serviceLookup';

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

/** The kind an analyzer asks for: Gateway API Gateways are "KubernetesGateway", Istio's are "Gateway". */
export function kindKey(object: { apiVersion?: string; kind: string }): string {
  return object.kind === 'Gateway' && object.apiVersion?.startsWith('gateway.networking.k8s.io/') ? 'KubernetesGateway' : object.kind;
}

/** The labels an object's pods carry: a Pod's own, a controller's pod template's. */
export function podLabelsOf(object: AnalyzedObject): Record<string, string> {
  if (object.kind === 'Pod') return object.metadata.labels ?? {};
  return object.spec?.template?.metadata?.labels ?? {};
}

/**
 * The objects as istioctl reads them: well-formed ones only, namespaced kinds in "default" when they
 * name no namespace, and nothing from the namespaces istioctl ignores.
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

function pushTo<K, V>(map: Map<K, V[]>, key: K, value: V) {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/**
 * Every object indexed once, in input order: by kind, by key, and pods by namespace and label (per
 * namespace and across the cluster), so that each analyzer does work in proportion to what it checks.
 *
 * @public
 */
export class AnalysisIndex {
  private readonly byKind = new Map<string, AnalyzedObject[]>();
  private readonly byKey = new Map<string, AnalyzedObject>();
  private readonly byKindNamespace = new Map<string, AnalyzedObject[]>();
  private readonly podsByNamespace = new Map<string, AnalyzedObject[]>();
  private readonly podLabels = new LabelIndex<AnalyzedObject>();
  private hostMap?: ServiceHostMap;

  constructor(objects: AnalyzedObject[], private readonly clusterDomain = 'cluster.local') {
    for (const object of objects) {
      const kind = kindKey(object);
      pushTo(this.byKind, kind, object);
      this.byKey.set(AnalysisIndex.key(kind, object.metadata.namespace, object.metadata.name), object);
      if (object.metadata.namespace !== undefined) pushTo(this.byKindNamespace, `${kind}/${object.metadata.namespace}`, object);
      if (kind === 'Pod') {
        const namespace = object.metadata.namespace!;
        pushTo(this.podsByNamespace, namespace, object);
        this.podLabels.add(namespace, object.metadata.labels ?? {}, object);
      }
    }
  }

  private static key(kind: string, namespace: string | undefined, name: string) {
    return `${kind}/${namespace ?? ''}/${name}`;
  }

  /** The objects of a kind in one namespace, in input order. */
  inNamespace(kind: string, namespace: string): AnalyzedObject[] {
    return this.byKindNamespace.get(`${kind}/${namespace}`) ?? [];
  }

  /** All objects of a kind, in input order. */
  ofKind(kind: string): AnalyzedObject[] {
    return this.byKind.get(kind) ?? [];
  }

  /** True when the input holds at least one object of the kind. */
  has(kind: string): boolean {
    return this.byKind.has(kind);
  }

  /** One object by kind, namespace and name. */
  get(kind: string, namespace: string | undefined, name: string): AnalyzedObject | undefined {
    return this.byKey.get(AnalysisIndex.key(kind, namespace, name));
  }

  /** The Namespace object of a namespace, if the input holds it. */
  namespace(name: string): AnalyzedObject | undefined {
    return this.get('Namespace', undefined, name);
  }

  /** Pods in a namespace, or in every namespace. */
  pods(namespace?: string): AnalyzedObject[] {
    return namespace === undefined ? this.ofKind('Pod') : this.podsByNamespace.get(namespace) ?? [];
  }

  /** Pods whose labels hold every label of the selector (in one namespace, or any); every pod for an empty selector. */
  podsMatching(selector: Record<string, string> | undefined, namespace?: string): AnalyzedObject[] {
    const candidates = this.podLabels.candidates(selector ?? {}, namespace);
    if (!candidates) return this.pods(namespace);
    return candidates.filter(pod => selectorMatches(selector, pod.metadata.labels));
  }

  /** Every ServiceEntry host and Service by the scopes they are exported to (built once). */
  serviceHosts(): ServiceHostMap {
    this.hostMap ??= serviceHostMap(this.ofKind('ServiceEntry'), this.ofKind('Service'), this.clusterDomain);
    return this.hostMap;
  }
}
