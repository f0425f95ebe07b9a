import { parseYaml } from '@meshport/istio-config';
import { lineDiff } from './lineDiff';

/**
 * One file of a proposed change against what the branch holds.
 *
 * @public
 */
export interface FileChange {
  path: string;
  change: 'added' | 'changed' | 'unchanged' | 'removed';
  /** For a changed file: its lines against the branch's, a unified diff (absent when too large to compare). */
  diff?: string;
}

/** The files Meshport's record in a folder lists as its own (meshport-owned.yaml's `files`), if it can be read. */
function ownedFiles(current: ReadonlyMap<string, string>): string[] {
  try {
    const [record] = parseYaml(current.get('meshport-owned.yaml') ?? '', 'meshport-owned.yaml') as Array<{ files?: Record<string, string> }>;
    return Object.keys(record?.files ?? {});
  } catch {
    return [];
  }
}

/**
 * Proposed files against a folder as the branch holds it: each added, changed (with its line diff) or
 * unchanged, and the files Meshport owns there that the proposal no longer writes, removed.
 *
 * @public
 */
export function fileChanges(proposed: Array<{ path: string; content: string }>, current: ReadonlyMap<string, string>): FileChange[] {
  const written = new Set(proposed.map(file => file.path));
  const changes: FileChange[] = proposed.map(file => {
    const before = current.get(file.path);
    if (before === undefined) return { path: file.path, change: 'added' };
    if (before === file.content) return { path: file.path, change: 'unchanged' };
    const diff = lineDiff(before, file.content);
    return { path: file.path, change: 'changed', ...(diff !== undefined ? { diff } : {}) };
  });
  const removed = ownedFiles(current).filter(path => !written.has(path) && current.has(path));
  return [...changes, ...removed.map(path => ({ path, change: 'removed' as const }))];
}
