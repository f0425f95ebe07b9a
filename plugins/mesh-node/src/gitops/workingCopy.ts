import fs from 'node:fs/promises';
import path from 'node:path';
import { ConflictError, InputError } from '@backstage/errors';
import { GitCommandError, GitCredentials, GitIdentity, GitRunner } from './git';

/** What mesh:gitops:checkout recorded about a working copy, for the pull-request step. */
export interface CheckoutRecord {
  remoteUrl: string;
  branch: string;
  baseBranch: string;
  /** Whether the branch already existed on the remote (a re-run). */
  branchExisted: boolean;
  /** The commit the working copy started from. */
  startCommit: string;
}

const RECORD_FILE = 'meshport-checkout.json';

async function recordPath(directory: string) {
  return path.join(directory, '.git', RECORD_FILE);
}

/** The checkout record of a working copy; an InputError when the folder is no Meshport working copy. */
export async function readCheckoutRecord(directory: string, field: string): Promise<CheckoutRecord> {
  try {
    return JSON.parse(await fs.readFile(await recordPath(directory), 'utf8'));
  } catch {
    throw new InputError(`${field}: "${path.basename(directory)}" is not a GitOps working copy; run mesh:gitops:checkout first`);
  }
}

async function remoteBranchExists(git: GitRunner, branch: string) {
  return (await git.run(['rev-parse', '--verify', '--quiet', `refs/remotes/origin/${branch}`], { allowFailure: true })).ok;
}

/**
 * Clones the GitOps repository and checks out the branch a change accumulates on: the existing branch
 * when an earlier run pushed one (so the next form builds on it), otherwise a new one from the base.
 */
export async function checkoutForChange(options: {
  directory: string;
  remoteUrl: string;
  branch: string;
  baseBranch?: string;
  credentials?: GitCredentials;
}): Promise<CheckoutRecord> {
  const { directory, remoteUrl, branch, credentials } = options;
  await fs.mkdir(directory, { recursive: true });
  if ((await fs.readdir(directory)).length > 0) {
    throw new InputError(`workingCopy: "${path.basename(directory)}" already exists in the workspace and is not empty`);
  }
  const git = new GitRunner(directory, { credentials });
  await git.run(['clone', '--quiet', '--no-tags', '--', remoteUrl, '.']);
  const heads = await git.output(['for-each-ref', '--format=%(refname:strip=3)', 'refs/remotes/origin/']);
  if (heads.split('\n').filter(head => head && head !== 'HEAD').length === 0) {
    throw new InputError(`repoUrl: the repository has no commits yet; push a first commit to its default branch`);
  }
  let baseBranch = options.baseBranch;
  if (!baseBranch) {
    const head = await git.run(['symbolic-ref', '--quiet', '--short', 'refs/remotes/origin/HEAD'], { allowFailure: true });
    baseBranch = head.ok ? head.stdout.trim().replace(/^origin\//, '') : 'main';
  }
  if (!(await remoteBranchExists(git, baseBranch))) {
    throw new InputError(`targetBranch: the repository has no branch "${baseBranch}"`);
  }
  const branchExisted = await remoteBranchExists(git, branch);
  await git.run(['checkout', '--quiet', '-B', branch, `refs/remotes/origin/${branchExisted ? branch : baseBranch}`]);
  const record: CheckoutRecord = { remoteUrl, branch, baseBranch, branchExisted, startCommit: await git.output(['rev-parse', 'HEAD']) };
  await fs.writeFile(await recordPath(directory), JSON.stringify(record, null, 2));
  return record;
}

/** Commits on the branch that Meshport did not make; Meshport will not build over them. */
export async function foreignCommits(git: GitRunner, record: CheckoutRecord, identity: GitIdentity): Promise<string[]> {
  if (!record.branchExisted) return [];
  const log = await git.output(['log', '--format=%h%x09%ce%x09%an%x09%s', `refs/remotes/origin/${record.baseBranch}..refs/remotes/origin/${record.branch}`]);
  return log
    .split('\n')
    .filter(Boolean)
    .map(line => line.split('\t'))
    .filter(([, email]) => email !== identity.email)
    .map(([sha, , author, subject]) => `${sha} by ${author}: "${subject}"`);
}

/** The files a commit of the working copy would change, as `git status --porcelain` lists them. */
export async function pendingChanges(git: GitRunner): Promise<string[]> {
  await git.run(['add', '--all']);
  const status = await git.output(['status', '--porcelain']);
  return status.split('\n').filter(Boolean);
}

/** Commits what the working copy holds; undefined when there is nothing to commit. */
export async function commitChanges(git: GitRunner, message: string): Promise<string | undefined> {
  if ((await pendingChanges(git)).length === 0) return undefined;
  await git.run(['commit', '--quiet', '--no-verify', '-m', message]);
  return git.output(['rev-parse', 'HEAD']);
}

/**
 * Pushes the branch without force: a branch that moved on the remote since the checkout is refused by
 * git itself, and reported as a conflict with nothing changed.
 */
export async function pushBranch(git: GitRunner, record: CheckoutRecord): Promise<void> {
  try {
    await git.run(['push', '--quiet', '--porcelain', 'origin', `HEAD:refs/heads/${record.branch}`]);
  } catch (error) {
    if (error instanceof GitCommandError && /rejected|non-fast-forward|fetch first|stale info/i.test(error.stderr)) {
      throw new ConflictError(
        `Branch ${record.branch} was changed on the remote while this task ran; nothing was pushed. Run the template again to build on the new state.`,
      );
    }
    throw error;
  }
}

/**
 * Takes a push back after the change request could not be opened: the branch goes back to where it was
 * (or away, if this run created it), and only if it still points at this run's commit.
 */
export async function undoPush(git: GitRunner, record: CheckoutRecord, pushedCommit: string): Promise<void> {
  const lease = `--force-with-lease=refs/heads/${record.branch}:${pushedCommit}`;
  const target = record.branchExisted ? `${record.startCommit}:refs/heads/${record.branch}` : `:refs/heads/${record.branch}`;
  await git.run(['push', '--quiet', lease, 'origin', target], { allowFailure: true });
}
