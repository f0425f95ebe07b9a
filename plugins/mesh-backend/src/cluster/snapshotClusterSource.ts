import { ClusterObjectStore, EntityTarget, storeFromDocuments } from '@meshport/plugin-mesh-common';
import { readManifestDocuments } from '@meshport/plugin-mesh-node';
import { ClusterSource } from './clusterSource';

/** A directory of Kubernetes YAML (as `kubectl get -o yaml` writes it), read once, served as a cluster. */
export class SnapshotClusterSource implements ClusterSource {
  private store?: ClusterObjectStore;

  constructor(readonly name: string, private readonly directory: string) {}

  start(): void {
    this.store = storeFromDocuments(readManifestDocuments([this.directory]));
  }

  stop(): void {}

  readonly lookup = (kind: string, namespace: string | undefined, name: string) => {
    if (!this.store) this.start();
    return this.store!.holds(kind) ? this.store!.get(kind, namespace, name) : ('not-read' as const);
  };

  readonly list = (kind: string) => {
    if (!this.store) this.start();
    return this.store!.list(kind);
  };

  async sliceFor(target: EntityTarget, rootNamespace: string) {
    if (!this.store) this.start();
    return { slice: this.store!.sliceFor(target, rootNamespace) };
  }
}
