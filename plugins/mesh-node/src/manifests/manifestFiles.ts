import fs from 'node:fs';
import path from 'node:path';
import { parseYaml } from '@meshport/istio-config';

const MANIFEST_EXTENSIONS = new Set(['.yaml', '.yml', '.json']);

/**
 * Every manifest file under the given files and folders, in a stable order; dot-files are skipped.
 *
 * @public
 */
export function collectManifestFiles(paths: string[]): string[] {
  const found: string[] = [];
  const visit = (entry: string) => {
    const stat = fs.statSync(entry);
    if (stat.isDirectory()) {
      for (const name of fs.readdirSync(entry).sort()) {
        if (!name.startsWith('.')) visit(path.join(entry, name));
      }
    } else if (MANIFEST_EXTENSIONS.has(path.extname(entry))) {
      found.push(entry);
    }
  };
  for (const entry of paths) visit(entry);
  return found;
}

/**
 * Every YAML or JSON document of the manifest files under the given files and folders.
 *
 * @public
 */
export function readManifestDocuments(paths: string[]): unknown[] {
  return collectManifestFiles(paths).flatMap(file => parseYaml(fs.readFileSync(file, 'utf8'), file));
}
