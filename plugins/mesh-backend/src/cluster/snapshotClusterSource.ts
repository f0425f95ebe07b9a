import fs from 'node:fs';
import path from 'node:path';
import { EntityTarget } from '@meshport/plugin-mesh-common';
import { ClusterObjectStore, proxySyncFrom, ProxySyncView, storeFromDocuments } from '@meshport/plugin-mesh-status-node';
import { readManifestDocuments } from '@meshport/plugin-mesh-node';
import { ClusterSource } from './clusterSource';

/** The file a snapshot keeps istiod's /debug/syncz answer in. */
const SYNCZ_FILE = 'istiod-syncz.json';

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

  /** istiod's /debug/syncz as the snapshot saved it (istiod-syncz.json beside the objects), if it did. */
  proxySync(): Promise<ProxySyncView> | undefined {
    const file = path.join(this.directory, SYNCZ_FILE);
    if (!fs.existsSync(file)) return undefined;
    try {
      return Promise.resolve({ byPod: proxySyncFrom(JSON.parse(fs.readFileSync(file, 'utf8'))) });
    } catch (error) {
      return Promise.resolve({ unavailable: `${SYNCZ_FILE} in the snapshot could not be read: ${(error as Error).message}` });
    }
  }

  async sliceFor(target: EntityTarget, rootNamespace: string) {
    if (!this.store) this.start();
    return { slice: this.store!.sliceFor(target, rootNamespace) };
  }
}
