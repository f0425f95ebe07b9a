import { isKustomizeDocument, KubeObject, parseYaml, RenderedFile, toYaml } from '@meshport/plugin-mesh-common';

/** The file that keeps the policy a folder was rendered from, so the next form builds on it. */
export const POLICY_FILE = 'meshport-policy.yaml';
const POLICY_FILE_HEADER =
  '# The Meshport policy this folder is rendered from. Change it through the portal\'s mesh templates:\n' +
  '# the other files are regenerated from it.\n';

/** What happens to one file of the folder. */
export type FileChange = 'added' | 'changed' | 'removed' | 'unchanged';

/** The complete new state of a folder, computed before anything is written. */
export interface FolderPlan {
  writes: Array<{ path: string; content: string; change: Exclude<FileChange, 'removed'> }>;
  removes: string[];
  /** Files Meshport does not own, left as they are. */
  kept: string[];
}

const MANAGED_BY = 'app.kubernetes.io/managed-by';
const MESHPORT_KUSTOMIZE_NAMES = new Set(['meshport', 'meshport-sidecar']);

function documentsOf(path: string, text: string): unknown[] {
  return path.endsWith('.yaml') || path.endsWith('.yml') ? parseYaml(text, path) : [];
}

function isMeshportDocument(document: any): boolean {
  if (isKustomizeDocument(document)) return MESHPORT_KUSTOMIZE_NAMES.has(document?.metadata?.name);
  return document?.metadata?.labels?.[MANAGED_BY] === 'meshport';
}

function directoryOf(path: string): string {
  return path.includes('/') ? path.slice(0, path.lastIndexOf('/') + 1) : '';
}

/**
 * Files an earlier render left: every document carries Meshport's label or is Meshport's kustomize
 * file, and the patches Meshport's kustomize Components name. Anything else belongs to someone else.
 */
function meshportOwnedFiles(existing: Map<string, unknown[]>): Set<string> {
  const owned = new Set<string>();
  for (const [path, documents] of existing) {
    if (documents.length > 0 && documents.every(isMeshportDocument)) owned.add(path);
  }
  for (const path of [...owned]) {
    for (const document of existing.get(path) as any[]) {
      if (document?.kind !== 'Component') continue;
      for (const patch of document.patches ?? []) {
        if (typeof patch?.path === 'string') owned.add(`${directoryOf(path)}${patch.path}`);
      }
    }
  }
  return owned;
}

/** The folder's kustomization with its resources list updated: other entries and other keys stay. */
function mergedKustomization(existing: unknown[] | undefined, rendered: KubeObject, owned: Set<string>): unknown {
  const current = existing?.find(isKustomizeDocument) as Record<string, unknown> | undefined;
  if (!current) return rendered;
  const renderedResources = (rendered as { resources?: string[] }).resources ?? [];
  const currentResources = Array.isArray(current.resources) ? (current.resources as unknown[]) : [];
  const others = currentResources.filter(entry => typeof entry !== 'string' || (!owned.has(entry) && !renderedResources.includes(entry)));
  return { ...current, resources: [...others, ...renderedResources] };
}

/**
 * Lays a render over what a folder holds. Meshport's own files are replaced (or removed when the policy
 * no longer needs them), the kustomization keeps everyone else's entries, and other files stay as they are.
 * Pure: `existing` maps folder-relative paths to file contents.
 */
export function planFolder(existing: Map<string, string>, rendered: RenderedFile[], policyDocument: unknown): FolderPlan {
  const parsed = new Map([...existing].map(([path, text]) => [path, documentsOf(path, text)]));
  const owned = meshportOwnedFiles(parsed);
  const contents = new Map<string, string>();
  for (const file of rendered) {
    const objects = file.path === 'kustomization.yaml' ? [mergedKustomization(parsed.get(file.path), file.objects[0], owned)] : file.objects;
    contents.set(file.path, toYaml(objects));
  }
  contents.set(POLICY_FILE, POLICY_FILE_HEADER + toYaml([policyDocument]));

  const writes = [...contents].map(([path, content]) => {
    const before = existing.get(path);
    let change: 'added' | 'changed' | 'unchanged' = 'changed';
    if (before === undefined) change = 'added';
    else if (before === content) change = 'unchanged';
    return { path, content, change };
  });
  const removes = [...owned].filter(path => existing.has(path) && !contents.has(path)).sort();
  const kept = [...existing.keys()].filter(path => !contents.has(path) && !owned.has(path)).sort();
  return { writes, removes, kept };
}

/** The policy stored in a folder by an earlier render, if any. */
export function storedPolicy(existing: Map<string, string>): unknown {
  const text = existing.get(POLICY_FILE);
  if (text === undefined) return undefined;
  const documents = parseYaml(text, POLICY_FILE);
  return documents[0];
}
