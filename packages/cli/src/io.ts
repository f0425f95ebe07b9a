import fs from 'node:fs';
import path from 'node:path';
import { parseYaml } from '@meshport/plugin-mesh-common';

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

const MANIFEST_EXTENSIONS = new Set(['.yaml', '.yml', '.json']);

/** Every manifest file under the given files and folders, in a stable order. */
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

function isKustomizeFile(doc: any): boolean {
  return String(doc?.apiVersion ?? '').startsWith('kustomize.config.k8s.io');
}

/** Files that kustomize files use as patches: partial objects, not objects of their own. */
function patchFiles(documentsByFile: Map<string, unknown[]>): Set<string> {
  const patches = new Set<string>();
  for (const [file, documents] of documentsByFile) {
    for (const doc of documents.filter(isKustomizeFile) as any[]) {
      const paths = [...(doc.patches ?? []).map((p: any) => p?.path), ...(doc.patchesStrategicMerge ?? [])];
      for (const patch of paths) if (typeof patch === 'string') patches.add(path.resolve(path.dirname(file), patch));
    }
  }
  return patches;
}

/** Cluster objects from manifest files: every document with a kind, less kustomize files and the patches they name. */
export function readManifests(files: string[]): unknown[] {
  const documentsByFile = new Map(files.map(file => [file, parseYaml(fs.readFileSync(file, 'utf8'), file)]));
  const patches = patchFiles(documentsByFile);
  return [...documentsByFile].flatMap(([file, documents]) =>
    patches.has(path.resolve(file))
      ? []
      : documents.filter((doc: any) => doc && typeof doc === 'object' && typeof doc.kind === 'string' && !isKustomizeFile(doc)),
  );
}

/** Writes a file through a temporary sibling and a rename, so a reader never sees half a file. */
export function writeFileAtomically(file: string, content: string) {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const temporary = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(temporary, content);
  fs.renameSync(temporary, file);
}
