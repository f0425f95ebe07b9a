import { createHash } from 'node:crypto';
import { InputError, NotAllowedError } from '@backstage/errors';
import { FOLDER_RECORD_FILE } from '@meshport/plugin-mesh-node';
import { isKustomizeDocument, KubeObject, POLICY_FILE, policyFileText, RenderedFile } from '@meshport/plugin-mesh-common';
import { isRecord, parseYaml, toYaml, YamlParseError } from '@meshport/istio-config';

/** Meshport's record of a folder: the entity it belongs to, and the files it wrote with a digest of each. */
export const OWNED_FILE = FOLDER_RECORD_FILE;
const KUSTOMIZATION = 'kustomization.yaml';

const OWNED_FILE_HEADER =
  '# The catalog entity this folder belongs to, and the files Meshport wrote here with a digest of each.\n' +
  '# Only that entity changes the folder; Meshport replaces or removes only these files, and only while\n' +
  "# they are as it wrote them; every other file here is the team's.\n";

/** What happens to one file of the folder. */
export type FileChange = 'added' | 'changed' | 'removed' | 'unchanged';

/** The complete new state of a folder, computed before anything is written. */
export interface FolderPlan {
  writes: Array<{ path: string; content: string; change: Exclude<FileChange, 'removed'> }>;
  removes: string[];
  /** Files Meshport does not own, left as they are. */
  kept: string[];
  /** Things the team should know: files Meshport once wrote and now leaves alone because they were edited. */
  notes: string[];
}

function digest(content: string): string {
  return `sha256:${createHash('sha256').update(content).digest('hex')}`;
}

/** The one mapping a Meshport file holds; an InputError naming the file for anything else. */
function singleMapping(existing: Map<string, string>, file: string, what: string): Record<string, unknown> | undefined {
  const text = existing.get(file);
  if (text === undefined) return undefined;
  let documents: unknown[];
  try {
    documents = parseYaml(text, file);
  } catch (error) {
    throw new InputError(
      `${file}: cannot be read (${error instanceof YamlParseError ? error.message : String(error)}); fix or remove it, then run the template again`,
    );
  }
  if (documents.length !== 1 || !isRecord(documents[0])) {
    throw new InputError(
      `${file}: must hold one mapping (${what}); it holds ${
        documents.length === 1 ? 'a non-mapping value' : `${documents.length} documents`
      }. Nothing was changed`,
    );
  }
  return documents[0];
}

/** The files Meshport's record in the folder lists, by folder-relative path, with the digest it wrote. */
function ownedFiles(existing: Map<string, string>, entityRef: string | undefined): Map<string, string> {
  const record = singleMapping(existing, OWNED_FILE, "Meshport's list of the files it wrote");
  if (entityRef && record?.entity !== undefined && record.entity !== entityRef) {
    throw new NotAllowedError(`${OWNED_FILE}: the folder belongs to ${String(record.entity)}, not ${entityRef}. Nothing was changed`);
  }
  const files = record?.files;
  if (record && !isRecord(files)) throw new InputError(`${OWNED_FILE}: "files" must map file names to digests. Nothing was changed`);
  const owned = new Map<string, string>();
  for (const [path, value] of Object.entries(files ?? {})) {
    const safe = path.split('/').every(segment => segment !== '' && segment !== '.' && segment !== '..');
    if (!safe || typeof value !== 'string' || [POLICY_FILE, OWNED_FILE, KUSTOMIZATION].includes(path)) {
      throw new InputError(`${OWNED_FILE}: the entry "${path}" is not a file Meshport writes. Nothing was changed`);
    }
    owned.set(path, value);
  }
  return owned;
}

/** The folder's kustomization with its resources list updated: other entries and other keys stay. */
function mergedKustomization(existing: Map<string, string>, rendered: KubeObject, owned: Set<string>): unknown {
  const current = existing.has(KUSTOMIZATION) ? singleMapping(existing, KUSTOMIZATION, 'a Kustomization') : undefined;
  if (!current) return rendered;
  if (!isKustomizeDocument(current))
    throw new InputError(`${KUSTOMIZATION}: is not a kustomize file; Meshport lists its files in the folder's kustomization.yaml`);
  const renderedResources = (rendered as { resources?: string[] }).resources ?? [];
  const currentResources = Array.isArray(current.resources) ? (current.resources as unknown[]) : [];
  const others = currentResources.filter(entry => typeof entry !== 'string' || (!owned.has(entry) && !renderedResources.includes(entry)));
  return { ...current, resources: [...others, ...renderedResources] };
}

/**
 * Lays a render over what a folder holds. Meshport owns exactly the files its record lists, and only
 * while they are as it wrote them: those it replaces or removes. A file it would write that someone else
 * wrote, or that was edited since, stops the plan with the file named; the kustomization keeps everyone
 * else's entries; every other file stays. A service folder's record names its entity, and a plan for
 * another entity is refused. Pure: `existing` maps folder-relative paths to contents.
 */
export function planFolder(existing: Map<string, string>, rendered: RenderedFile[], policyDocument: unknown, entityRef?: string): FolderPlan {
  // The stored policy is replaced, not read, by a namespace render: it must still be Meshport's own.
  storedPolicy(existing);
  const owned = ownedFiles(existing, entityRef);
  const intact = (path: string) => owned.has(path) && existing.has(path) && owned.get(path) === digest(existing.get(path)!);
  const notes: string[] = [];
  const contents = new Map<string, string>();
  for (const file of rendered) {
    const objects = file.path === KUSTOMIZATION ? [mergedKustomization(existing, file.objects[0], new Set(owned.keys()))] : file.objects;
    const content = toYaml(objects);
    const before = existing.get(file.path);
    if (file.path !== KUSTOMIZATION && before !== undefined && before !== content && !intact(file.path)) {
      throw new InputError(
        owned.has(file.path)
          ? `${file.path}: was edited by hand since Meshport wrote it; move the change into the form (or delete the file so that Meshport writes it again). Nothing was changed`
          : `${file.path}: exists and is not Meshport's; rename or remove it so that Meshport can write its own file there. Nothing was changed`,
      );
    }
    contents.set(file.path, content);
  }
  contents.set(POLICY_FILE, policyFileText(policyDocument));

  const removes: string[] = [];
  for (const path of owned.keys()) {
    if (contents.has(path) || !existing.has(path)) continue;
    if (intact(path)) removes.push(path);
    else notes.push(`${path} was written by Meshport and edited since; it is no longer needed, and left as it is`);
  }
  const written = [...contents.keys()].filter(path => path !== KUSTOMIZATION && path !== POLICY_FILE).sort();
  contents.set(
    OWNED_FILE,
    OWNED_FILE_HEADER +
      toYaml([{ ...(entityRef ? { entity: entityRef } : {}), files: Object.fromEntries(written.map(path => [path, digest(contents.get(path)!)])) }]),
  );

  const writes = [...contents].map(([path, content]) => {
    const before = existing.get(path);
    let change: 'added' | 'changed' | 'unchanged' = 'changed';
    if (before === undefined) change = 'added';
    else if (before === content) change = 'unchanged';
    return { path, content, change };
  });
  const kept = [...existing.keys()].filter(path => !contents.has(path) && !removes.includes(path)).sort();
  return { writes, removes: removes.sort(), kept, notes };
}

/** The policy stored in a folder by an earlier render, if any; an InputError naming the file when it is no mapping. */
export function storedPolicy(existing: Map<string, string>): Record<string, unknown> | undefined {
  return singleMapping(existing, POLICY_FILE, 'a Meshport policy');
}
