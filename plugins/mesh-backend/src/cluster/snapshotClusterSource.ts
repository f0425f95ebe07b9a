import fs from 'node:fs';
import path from 'node:path';
import { ClusterObjectStore, EntityTarget, parseYaml, storeFromDocuments } from '@meshport/plugin-mesh-common';
import { ClusterSource } from './clusterSource';

/** Every document of the .yaml, .yml and .json files under a directory. */
export function readSnapshotDocuments(directory: string): unknown[] {
  const documents: unknown[] = [];
  const visit = (entry: string) => {
    const stat = fs.statSync(entry);
    if (stat.isDirectory()) {
      for (const name of fs.readdirSync(entry).sort()) if (!name.startsWith('.')) visit(path.join(entry, name));
    } else if (/\.(ya?ml|json)$/.test(entry)) {
      documents.push(...parseYaml(fs.readFileSync(entry, 'utf8'), entry));
    }
  };
  visit(directory);
  return documents;
}

/** A directory of Kubernetes YAML (as `kubectl get -o yaml` writes it), read once, served as a cluster. */
export class SnapshotClusterSource implements ClusterSource {
  private store?: ClusterObjectStore;

  constructor(readonly name: string, private readonly directory: string) {}

  start(): void {
    this.store = storeFromDocuments(readSnapshotDocuments(this.directory));
  }

  stop(): void {}

  async sliceFor(target: EntityTarget, rootNamespace: string) {
    if (!this.store) this.start();
    return { slice: this.store!.sliceFor(target, rootNamespace) };
  }
}
