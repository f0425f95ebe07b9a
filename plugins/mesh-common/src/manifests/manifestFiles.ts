/**
 * A manifest file as read from a folder: its path (with "/" separators) and its parsed documents.
 *
 * @public
 */
export interface ManifestFile {
  path: string;
  documents: unknown[];
}

function normalize(path: string): string {
  const parts: string[] = [];
  for (const part of path.split('/')) {
    if (part === '..') parts.pop();
    else if (part !== '.' && part !== '') parts.push(part);
  }
  return `${path.startsWith('/') ? '/' : ''}${parts.join('/')}`;
}

function directoryOf(path: string): string {
  const slash = path.lastIndexOf('/');
  return slash === -1 ? '' : path.slice(0, slash);
}

/**
 * True for kustomize's own files (Kustomization, Component).
 *
 * @public
 */
export function isKustomizeDocument(document: unknown): boolean {
  const apiVersion = (document as { apiVersion?: unknown } | null)?.apiVersion;
  return typeof apiVersion === 'string' && apiVersion.startsWith('kustomize.config.k8s.io');
}

/** Files that kustomize files use as patches: partial objects, not objects of their own. */
function patchPaths(files: ManifestFile[]): Set<string> {
  const patches = new Set<string>();
  for (const file of files) {
    for (const document of file.documents.filter(isKustomizeDocument) as Array<Record<string, any>>) {
      const named = [...(document.patches ?? []).map((patch: any) => patch?.path), ...(document.patchesStrategicMerge ?? [])];
      for (const patch of named) {
        if (typeof patch === 'string') patches.add(normalize(`${directoryOf(file.path)}/${patch}`));
      }
    }
  }
  return patches;
}

/**
 * The cluster objects a set of manifest files describes: every document with a kind, less kustomize's
 * own files and the patches they name. What `meshport analyze` and the scaffolder action analyze.
 *
 * @public
 */
export function clusterObjectsFromFiles(files: ManifestFile[]): unknown[] {
  const patches = patchPaths(files);
  return files.flatMap(file => (patches.has(normalize(file.path)) ? [] : file.documents.filter(isObjectDocument)));
}

/** A document that is an object (it has a kind), not one of kustomize's own files. */
function isObjectDocument(document: unknown): boolean {
  return Boolean(document) && typeof document === 'object' && typeof (document as { kind?: unknown }).kind === 'string' && !isKustomizeDocument(document);
}

/**
 * Every object of the documents, kustomize patches included: a rendered folder says in its patches which
 * data plane its pods join and which waypoint its Service uses, what the traffic model needs to know.
 *
 * @public
 */
export function objectsWithPatches(documents: unknown[]): unknown[] {
  return documents.filter(isObjectDocument);
}
