import { PrivateRepository } from './privateRepository';
import { CheckoutRecord } from './taskState';

/**
 * A folder's files (folder-relative paths) and those Meshport would not read, with the reason.
 *
 * @public
 */
export interface FolderContents {
  files: Map<string, Buffer>;
  unreadable: Array<{ path: string; reason: string }>;
}

function under(folder: string, path: string): string | undefined {
  if (!folder) return path;
  return path.startsWith(`${folder}/`) ? path.slice(folder.length + 1) : undefined;
}

/**
 * The repository as a task sees it: the files the checkout listed, read from git's objects, with the
 * changes earlier steps of the task staged laid over them. Nothing is read from the workspace.
 *
 * @public
 */
export class RepositorySnapshot {
  constructor(private readonly record: CheckoutRecord, private readonly repository: PrivateRepository) {}

  async readFolder(folder: string): Promise<FolderContents> {
    const listed = this.record.tree.flatMap(file => {
      const relative = under(folder, file.path);
      return relative === undefined ? [] : [{ ...file, relative }];
    });
    const readable = listed.filter(file => !file.unreadable);
    const blobs = await this.repository.readBlobs(readable.map(file => file.sha));
    const files = new Map(readable.map(file => [file.relative, blobs.get(file.sha)!]));
    const unreadable = listed.filter(file => file.unreadable).map(file => ({ path: file.path, reason: file.unreadable! }));
    for (const [path, content] of Object.entries(this.record.staged.writes)) {
      const relative = under(folder, path);
      if (relative !== undefined) files.set(relative, Buffer.from(content));
    }
    for (const path of this.record.staged.removes) {
      const relative = under(folder, path);
      if (relative !== undefined) files.delete(relative);
    }
    return { files, unreadable: unreadable.filter(entry => !(entry.path in this.record.staged.writes)) };
  }
}
