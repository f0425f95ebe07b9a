import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const gitEnvironment = {
  ...process.env,
  GIT_CONFIG_NOSYSTEM: '1',
  GIT_CONFIG_GLOBAL: '/dev/null',
  GIT_AUTHOR_NAME: 'Test Person',
  GIT_AUTHOR_EMAIL: 'person@example.com',
  GIT_COMMITTER_NAME: 'Test Person',
  GIT_COMMITTER_EMAIL: 'person@example.com',
};

/** Runs git in a folder and returns its trimmed output. */
export function git(cwd: string, ...args: string[]): string {
  return execFileSync('git', args, { cwd, env: gitEnvironment, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).trim();
}

/** A file's content, raw bytes, or a symbolic link committed as such (git mode 120000). */
export type RepositoryFile = string | Buffer | { symlink: string };

/** Writes files (and symbolic links) into a work tree. */
export function writeFiles(root: string, files: Record<string, RepositoryFile>) {
  for (const [file, content] of Object.entries(files)) {
    const target = path.join(root, file);
    fs.mkdirSync(path.dirname(target), { recursive: true });
    if (typeof content === 'object' && !Buffer.isBuffer(content)) fs.symlinkSync(content.symlink, target);
    else fs.writeFileSync(target, content);
  }
}

/**
 * A real bare repository with a first commit on `main` holding `files`: what a team's GitOps
 * repository looks like before Meshport. Returns the bare repository's path.
 */
export function createBareRepository(parent: string, files: Record<string, RepositoryFile> = { 'README.md': '# GitOps\n' }, name = 'gitops.git'): string {
  const bare = path.join(parent, name);
  const seed = fs.mkdtempSync(path.join(os.tmpdir(), 'meshport-seed-'));
  git(parent, 'init', '--quiet', '--bare', '--initial-branch=main', bare);
  git(seed, 'init', '--quiet', '--initial-branch=main');
  writeFiles(seed, files);
  git(seed, 'add', '--all');
  git(seed, 'commit', '--quiet', '-m', 'Initial commit');
  git(seed, 'push', '--quiet', bare, 'main');
  fs.rmSync(seed, { recursive: true, force: true });
  return bare;
}

/** Clones a branch of a repository into a fresh temporary folder and returns the folder. */
export function cloneBranch(repository: string, branch: string): string {
  const target = fs.mkdtempSync(path.join(os.tmpdir(), 'meshport-clone-'));
  git(target, 'clone', '--quiet', '--branch', branch, repository, '.');
  return target;
}

/** The branches of a repository. */
export function branchesOf(repository: string): string[] {
  return git(repository, 'for-each-ref', '--format=%(refname:strip=2)', 'refs/heads/').split('\n').filter(Boolean).sort();
}

/** Adds a commit by someone else on a branch of a bare repository. */
export function pushForeignCommit(repository: string, branch: string, file: string, content: RepositoryFile): string {
  return pushCommit(repository, branch, { [file]: content }, `Hand edit of ${file}`);
}

/** Starts a branch off main in a bare repository with one commit writing `files`, as a change branch is pushed; returns its sha. */
export function pushNewBranch(repository: string, branch: string, files: Record<string, RepositoryFile>): string {
  git(repository, 'branch', branch, 'main');
  return pushCommit(repository, branch, files, `Change on ${branch}`);
}

/** Adds a commit writing `files` on a branch of a bare repository, as a person would; returns its sha. */
export function pushCommit(repository: string, branch: string, files: Record<string, RepositoryFile>, message: string): string {
  const work = cloneBranch(repository, branch);
  writeFiles(work, files);
  git(work, 'add', '--all');
  git(work, 'commit', '--quiet', '-m', message);
  git(work, 'push', '--quiet', 'origin', branch);
  const sha = git(work, 'rev-parse', 'HEAD');
  fs.rmSync(work, { recursive: true, force: true });
  return sha;
}
