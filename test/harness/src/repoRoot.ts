import fs from 'node:fs';
import path from 'node:path';

/** The repository root: the nearest folder above the working directory whose package.json declares workspaces. */
export function findRepoRoot(from: string = process.cwd()): string {
  let dir = from;
  for (;;) {
    const manifest = path.join(dir, 'package.json');
    if (fs.existsSync(manifest) && JSON.parse(fs.readFileSync(manifest, 'utf8')).workspaces) {
      return dir;
    }
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error(`no workspace root above ${from}`);
    dir = parent;
  }
}
