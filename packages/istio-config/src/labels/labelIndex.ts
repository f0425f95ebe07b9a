/**
 * Members indexed by namespace and by each of their labels ("key=value"), so that a selector's matches
 * cost work in proportion to its rarest label. The one index behind the analyzers' pod lookups (built
 * once per analysis) and the status's object store (kept up to date by the watch): members are added and
 * removed with the labels they were added with, and a label or namespace goes with its last member.
 */
export class LabelIndex<T> {
  private readonly byNamespace = new Map<string, Map<string, Set<T>>>();

  add(namespace: string, labels: Record<string, string>, member: T): void {
    let byLabel = this.byNamespace.get(namespace);
    if (!byLabel) this.byNamespace.set(namespace, (byLabel = new Map()));
    for (const label of labelKeys(labels)) {
      let members = byLabel.get(label);
      if (!members) byLabel.set(label, (members = new Set()));
      members.add(member);
    }
  }

  remove(namespace: string, labels: Record<string, string>, member: T): void {
    const byLabel = this.byNamespace.get(namespace);
    if (!byLabel) return;
    for (const label of labelKeys(labels)) {
      const members = byLabel.get(label);
      members?.delete(member);
      if (members?.size === 0) byLabel.delete(label);
    }
    if (byLabel.size === 0) this.byNamespace.delete(namespace);
  }

  /**
   * The members of a namespace (of every namespace when none is given) that carry the rarest of the
   * selector's labels, a superset of its matches for the caller to check in full; undefined for an empty
   * selector, which every member matches.
   */
  candidates(selector: Record<string, string>, namespace?: string): T[] | undefined {
    const labels = labelKeys(selector);
    if (labels.length === 0) return undefined;
    const namespaces = namespace === undefined ? [...this.byNamespace.keys()] : [namespace];
    return namespaces.flatMap(ns => {
      const byLabel = this.byNamespace.get(ns);
      const sets = labels.map(label => byLabel?.get(label)?.size ?? 0);
      const rarest = labels[sets.indexOf(Math.min(...sets))];
      return [...(byLabel?.get(rarest) ?? [])];
    });
  }

  /** The members carrying one label ("key=value"), in the given namespaces or all of them. */
  labelled(label: string, namespaces: Iterable<string> = this.byNamespace.keys()): T[] {
    return [...namespaces].flatMap(namespace => [...(this.byNamespace.get(namespace)?.get(label) ?? [])]);
  }

  /** The namespaces holding a member. */
  namespaces(): string[] {
    return [...this.byNamespace.keys()];
  }

  /** How many namespaces and labels the index holds, for tests that check nothing is left behind. */
  get keyCount(): number {
    let count = this.byNamespace.size;
    for (const byLabel of this.byNamespace.values()) count += byLabel.size;
    return count;
  }
}

function labelKeys(labels: Record<string, string>): string[] {
  return Object.entries(labels).map(([key, value]) => `${key}=${value}`);
}
