import { randomBytes } from 'node:crypto';
import { constants } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import { InputError } from '@backstage/errors';

const NAMED_SEGMENT = /^[A-Za-z0-9_][A-Za-z0-9._-]*$/;

/**
 * The segments of a "/"-separated relative path. Names a template gives (`strict`) are letters, digits,
 * ".", "_" and "-"; names from a repository may be anything git allows in a tree but ".", ".." and ".git".
 *
 * @public
 */
export function relativeSegments(relative: string, field: string, strict = false): string[] {
  const segments = relative.split('/');
  const bad = (segment: string) =>
    strict ? !NAMED_SEGMENT.test(segment) : segment === '' || segment === '.' || segment === '..' || segment.toLowerCase() === '.git' || segment.includes('\0');
  if (segments.some(bad)) {
    throw new InputError(`${field}: "${relative}" must be a relative path${strict ? ' of letters, digits, ".", "_" and "-"' : ''}`);
  }
  return segments;
}

async function lstatOrUndefined(target: string) {
  try {
    return await fs.lstat(target);
  } catch (error: any) {
    if (error.code === 'ENOENT') return undefined;
    throw error;
  }
}

/**
 * Walks (and creates) a folder under `root` one segment at a time, refusing any symbolic link or
 * non-folder on the way: a step that planted a link cannot send Meshport's writes elsewhere.
 *
 * @public
 */
export async function ensureFolder(root: string, relative: string, field = 'path', strict = false): Promise<string> {
  let current = root;
  const walked: string[] = [];
  for (const segment of relative ? relativeSegments(relative, field, strict) : []) {
    current = path.join(current, segment);
    walked.push(segment);
    let stat = await lstatOrUndefined(current);
    if (!stat) {
      await fs.mkdir(current, { mode: 0o755 }).catch(error => {
        if (error.code !== 'EEXIST') throw error;
      });
      stat = await fs.lstat(current);
    }
    if (stat.isSymbolicLink()) throw new InputError(`${walked.join('/')}: is a symbolic link in the workspace; Meshport does not write through links`);
    if (!stat.isDirectory()) throw new InputError(`${walked.join('/')}: is not a folder`);
  }
  return current;
}

/**
 * Writes a file under `root` through an exclusively created temporary file that is never a link,
 * then renames it into place; a link at the target's name is refused, not followed.
 *
 * @public
 */
export async function writeFileSafely(root: string, relative: string, content: string | Buffer): Promise<void> {
  const segments = relativeSegments(relative, 'path');
  const folder = await ensureFolder(root, segments.slice(0, -1).join('/'));
  const target = path.join(folder, segments[segments.length - 1]);
  const existing = await lstatOrUndefined(target);
  if (existing && !existing.isFile())
    throw new InputError(`${relative}: is ${existing.isSymbolicLink() ? 'a symbolic link' : 'not a file'}; Meshport will not write over it`);
  const temporary = path.join(folder, `.meshport-${randomBytes(8).toString('hex')}.tmp`);
  const handle = await fs.open(temporary, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | constants.O_NOFOLLOW, 0o644);
  try {
    await handle.writeFile(content);
  } finally {
    await handle.close();
  }
  await fs.rename(temporary, target);
}

/**
 * Removes a file under `root`; a link or folder at its name is refused, a missing file is fine.
 *
 * @public
 */
export async function removeFileSafely(root: string, relative: string): Promise<void> {
  const segments = relativeSegments(relative, 'path');
  const folder = await ensureFolder(root, segments.slice(0, -1).join('/'));
  const target = path.join(folder, segments[segments.length - 1]);
  const existing = await lstatOrUndefined(target);
  if (!existing) return;
  if (!existing.isFile()) throw new InputError(`${relative}: is ${existing.isSymbolicLink() ? 'a symbolic link' : 'not a file'}; Meshport will not remove it`);
  await fs.unlink(target);
}

/**
 * True when a step left git metadata (a `.git` file, folder or link) in a working copy.
 *
 * @public
 */
export async function hasGitMetadata(root: string, workingCopy: string): Promise<boolean> {
  return (await lstatOrUndefined(path.join(root, ...relativeSegments(workingCopy, 'workingCopy', true), '.git'))) !== undefined;
}
