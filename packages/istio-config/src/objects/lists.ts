/**
 * The objects of documents as `kubectl get -o yaml` writes them: single objects, and the items of `List`
 * and `<Kind>List` documents (items without a kind take the list's), as kubectl and istioctl expand them.
 *
 * @public
 */
export function expandLists(documents: unknown[]): unknown[] {
  const out: unknown[] = [];
  // Depth first with a stack of its own: a list nested deeper than the call stack is still read.
  const pending = [...documents].reverse();
  while (pending.length > 0) {
    const document: any = pending.pop();
    if (!document || typeof document !== 'object' || typeof document.kind !== 'string' || !document.kind.endsWith('List') || !Array.isArray(document.items)) {
      out.push(document);
      continue;
    }
    const itemKind = document.kind === 'List' ? undefined : document.kind.slice(0, -'List'.length);
    for (let i = document.items.length - 1; i >= 0; i -= 1) {
      const item = document.items[i];
      pending.push(itemKind && item && typeof item === 'object' && !item.kind ? { ...item, kind: itemKind } : item);
    }
  }
  return out;
}
