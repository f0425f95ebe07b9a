import fs from 'node:fs';
import path from 'node:path';
import { clusterObjectsFromFiles } from '@meshport/plugin-mesh-common';
import { parseYaml } from '@meshport/istio-config';

/** What a command prints and the exit code it ends with; commands never call process.exit themselves. */
export interface CommandResult {
  exitCode: number;
  stdout: string[];
  stderr: string[];
}

/** Reads one policy document from a YAML or JSON file. */
export function readPolicyFile(file: string): unknown {
  const documents = parseYaml(fs.readFileSync(file, 'utf8'), file);
  if (documents.length !== 1) throw new Error(`${file}: expected one policy document, found ${documents.length}`);
  return documents[0];
}

/** Cluster objects from manifest files: every document with a kind, less kustomize files and the patches they name. */
export function readManifests(files: string[]): unknown[] {
  return clusterObjectsFromFiles(
    files.map(file => ({ path: path.resolve(file).split(path.sep).join('/'), documents: parseYaml(fs.readFileSync(file, 'utf8'), file) })),
  );
}

/** Writes a file through a temporary sibling and a rename, so a reader never sees half a file. */
export function writeFileAtomically(file: string, content: string) {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const temporary = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(temporary, content);
  fs.renameSync(temporary, file);
}
