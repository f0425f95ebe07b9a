import fs from 'node:fs';
import path from 'node:path';
import { stringify } from 'yaml';
import { demoClusterLists, demoIstiodSyncz } from './demoCluster';

/**
 * Writes the demo cluster as `kubectl get -o yaml` lists into `directory`, with istiod's /debug/syncz
 * beside them: the layout the snapshot cluster source and `meshport status --snapshot` read.
 * Returns the names of the files written.
 */
export function writeDemoSnapshot(directory: string): string[] {
  fs.mkdirSync(directory, { recursive: true });
  const files = Object.entries(demoClusterLists()).map(([file, list]) => {
    fs.writeFileSync(path.join(directory, file), stringify(list, { lineWidth: 0 }));
    return file;
  });
  fs.writeFileSync(path.join(directory, 'istiod-syncz.json'), `${JSON.stringify(demoIstiodSyncz(), null, 2)}\n`);
  return [...files, 'istiod-syncz.json'];
}
