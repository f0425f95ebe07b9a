import { LabelIndex } from '../labels/labelIndex';
import { AnalyzedObject, kindKey, podLabelsOf, POD_RUNNING_KINDS } from './kinds';

const LABEL_INDEXED = new Set(POD_RUNNING_KINDS);

/**
 * Kubernetes objects indexed once: by kind (as `kindKey` gives it), namespace and name, and the pod
 * runners (Pods and controllers) by namespace and each label of their pods, so that a lookup costs work
 * in proportion to what it returns. The analysis builds one per run; the status's ClusterObjectStore keeps
 * one up to date from the watch. An object added again under its kind, namespace and name replaces the
 * earlier one, and every key goes with its last member.
 *
 * @public
 */
export class ObjectIndex {
  /** kind → namespace ('' for cluster-scoped objects) → name → object, each level in the order first added */
  private readonly byKind = new Map<string, Map<string, Map<string, AnalyzedObject>>>();
  private readonly podLabels = new LabelIndex<AnalyzedObject>();
  private count = 0;

  /** Number of objects held. */
  get size(): number {
    return this.count;
  }

  /** Adds an object, replacing the one held under its kind, namespace and name; returns the one replaced. */
  add(object: AnalyzedObject): AnalyzedObject | undefined {
    const kind = kindKey(object);
    const replaced = this.remove(kind, object.metadata.namespace, object.metadata.name);
    const namespace = object.metadata.namespace ?? '';
    let namespaces = this.byKind.get(kind);
    if (!namespaces) this.byKind.set(kind, (namespaces = new Map()));
    let byName = namespaces.get(namespace);
    if (!byName) namespaces.set(namespace, (byName = new Map()));
    byName.set(object.metadata.name, object);
    this.count += 1;
    if (LABEL_INDEXED.has(object.kind)) this.podLabels.add(namespace, podLabelsOf(object), object);
    return replaced;
  }

  /** Removes and returns the object held under a kind (as `kindKey` gives it), namespace and name, if any. */
  remove(kind: string, namespace: string | undefined, name: string): AnalyzedObject | undefined {
    const namespaces = this.byKind.get(kind);
    const byName = namespaces?.get(namespace ?? '');
    const object = byName?.get(name);
    if (!object) return undefined;
    byName!.delete(name);
    if (byName!.size === 0) namespaces!.delete(namespace ?? '');
    if (namespaces!.size === 0) this.byKind.delete(kind);
    this.count -= 1;
    if (LABEL_INDEXED.has(object.kind)) this.podLabels.remove(namespace ?? '', podLabelsOf(object), object);
    return object;
  }

  /** One object by kind (as `kindKey` gives it), namespace (none for cluster-scoped kinds) and name. */
  get(kind: string, namespace: string | undefined, name: string): AnalyzedObject | undefined {
    return this.byKind
      .get(kind)
      ?.get(namespace ?? '')
      ?.get(name);
  }

  /** True when at least one object of the kind is held. */
  has(kind: string): boolean {
    return this.byKind.has(kind);
  }

  /** Every object held, kind by kind. */
  all(): AnalyzedObject[] {
    return [...this.byKind.keys()].flatMap(kind => this.ofKind(kind));
  }

  /** All objects of a kind, namespace by namespace. */
  ofKind(kind: string): AnalyzedObject[] {
    return [...(this.byKind.get(kind)?.values() ?? [])].flatMap(byName => [...byName.values()]);
  }

  /** The objects of a kind in one namespace. */
  inNamespace(kind: string, namespace: string): AnalyzedObject[] {
    return [...(this.byKind.get(kind)?.get(namespace)?.values() ?? [])];
  }

  /** The namespaces holding an object of any of the kinds. */
  namespacesOf(kinds: readonly string[]): string[] {
    return [...new Set(kinds.flatMap(kind => [...(this.byKind.get(kind)?.keys() ?? [])]))];
  }

  /**
   * Objects of a pod-running kind (in one namespace, or any) whose pod labels `matches` accepts, looked up
   * from the rarest of the selector's equality labels (`equalities`; with none, every object of the kind is
   * checked).
   */
  matching(
    kind: string,
    namespace: string | undefined,
    equalities: Record<string, string>,
    matches: (labels: Record<string, string>) => boolean,
  ): AnalyzedObject[] {
    const candidates = this.podLabels.candidates(equalities, namespace)?.filter(object => object.kind === kind);
    const all = candidates ?? (namespace === undefined ? this.ofKind(kind) : this.inNamespace(kind, namespace));
    return all.filter(object => matches(podLabelsOf(object)));
  }

  /** The objects of a pod-running kind carrying one pod label ("key=value"), in the given namespaces or all. */
  labelled(kind: string, label: string, namespaces?: Iterable<string>): AnalyzedObject[] {
    return this.podLabels.labelled(label, namespaces).filter(object => object.kind === kind);
  }

  /** How many keys the index holds, for tests that check nothing is left behind. */
  get keyCount(): number {
    let keys = this.byKind.size + this.podLabels.keyCount;
    for (const namespaces of this.byKind.values()) keys += namespaces.size;
    return keys;
  }
}
