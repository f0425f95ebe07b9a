import fs from 'node:fs/promises';
import path from 'node:path';
import { resolveSafeChildPath } from '@backstage/backend-plugin-api';
import { FolderPlan } from './folderPlan';

/** Every file under a folder, by "/"-separated relative path. A missing folder is an empty one. */
export async function readFolder(folder: string): Promise<Map<string, string>> {
  const files = new Map<string, string>();
  const visit = async (directory: string, prefix: string) => {
    let entries;
    try {
      entries = await fs.readdir(directory, { withFileTypes: true });
    } catch (error: any) {
      if (error.code === 'ENOENT') return;
      throw error;
    }
    for (const entry of entries.sort((a, b) => a.name.localeCompare(b.name))) {
      if (entry.name === '.git') continue;
      const relative = `${prefix}${entry.name}`;
      if (entry.isDirectory()) await visit(path.join(directory, entry.name), `${relative}/`);
      else if (entry.isFile()) files.set(relative, await fs.readFile(path.join(directory, entry.name), 'utf8'));
    }
  };
  await visit(folder, '');
  return files;
}

/**
 * Writes a plan into a folder. Every file goes through a temporary sibling and a rename, so a reader
 * (or a failure half-way) never leaves half a file; the plan itself was complete before this started.
 */
export async function applyFolderPlan(folder: string, plan: FolderPlan): Promise<void> {
  for (const file of plan.writes.filter(write => write.change !== 'unchanged')) {
    const target = resolveSafeChildPath(folder, file.path);
    await fs.mkdir(path.dirname(target), { recursive: true });
    const temporary = `${target}.meshport-${process.pid}.tmp`;
    await fs.writeFile(temporary, file.content);
    await fs.rename(temporary, target);
  }
  for (const file of plan.removes) {
    await fs.rm(resolveSafeChildPath(folder, file), { force: true });
  }
}
