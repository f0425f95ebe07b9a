import { AnalyzedObject, isZtunnelPod } from '@meshport/istio-config';

/** Node name → how many pods run there besides its ztunnel (for an entity's share of the node's ztunnel). */
export class PodsPerNode {
  private readonly counts = new Map<string, number>();

  /** Counts a pod in (1) or out (-1); anything but a pod scheduled to a node, and ztunnel's own pods, count for nothing. */
  count(object: AnalyzedObject, delta: 1 | -1): void {
    const node = object.kind === 'Pod' ? object.spec?.nodeName : undefined;
    if (typeof node !== 'string' || isZtunnelPod(object)) return;
    const count = (this.counts.get(node) ?? 0) + delta;
    if (count > 0) this.counts.set(node, count);
    else this.counts.delete(node);
  }

  on(node: string): number {
    return this.counts.get(node) ?? 0;
  }

  get size(): number {
    return this.counts.size;
  }
}
