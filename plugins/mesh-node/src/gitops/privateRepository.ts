import { AuthenticationError, ConflictError, InputError, NotAllowedError, NotFoundError, ServiceUnavailableError } from '@backstage/errors';
import { folderSize, GitCommandError, GitCredentials, GitIdentity, GitRunner, GitTransport } from './git';
import { GitOpsLimits } from './gitopsConfig';
import { StagedChanges, TaskState, TreeFile } from './taskState';

const BASE_REF = 'refs/meshport/base';
const BRANCH_REF = 'refs/meshport/branch';
const SHA = /^[0-9a-f]{40}([0-9a-f]{24})?$/;

/**
 * The remote's branches that matter for a change.
 *
 * @public
 */
export interface RemoteHeads {
  /** The branch the remote's HEAD points at. */
  defaultBranch?: string;
  heads: Map<string, string>;
}

function transportOf(remoteUrl: string): GitTransport {
  const protocol = new URL(remoteUrl).protocol.replace(/:$/, '');
  if (protocol !== 'https' && protocol !== 'http' && protocol !== 'file') throw new InputError(`repoUrl: the "${protocol}" transport is not supported`);
  return protocol;
}

function requireSha(value: string, what: string): string {
  if (!SHA.test(value)) throw new Error(`git gave no commit for ${what}`);
  return value;
}

/** A clear task error for a git command that failed against the remote. */
function remoteError(error: unknown, action: string): Error {
  if (!(error instanceof GitCommandError)) return error as Error;
  if (error.reason === 'size') return new InputError(`repoUrl: ${error.stderr}; Meshport reads only repositories within mesh.gitops.limits.maxRepositoryBytes`);
  if (error.reason === 'timeout') return new ServiceUnavailableError(`The GitOps repository did not answer while ${action}: git ${error.stderr}`);
  const said = error.stderr.trim().split('\n').slice(-2).join(' ');
  const status = said.match(/returned error: (\d{3})/)?.[1] ?? (/Authentication failed/i.test(said) ? '401' : undefined);
  const where = `The GitOps repository answered ${status ?? 'with an error'} while ${action}: ${said}`;
  if (status === '401')
    return new AuthenticationError(`${where}. The credentials in the portal's integrations config for this host are missing, wrong or expired.`);
  if (status === '403') return new NotAllowedError(`${where}. The credentials lack the permission this needs.`);
  if (status === '404') return new NotFoundError(`${where}. Check the repository in repoUrl, and that the credentials can see it.`);
  return new ServiceUnavailableError(where);
}

const ENTITY_TRAILER = 'Meshport-Entity: ';
const ENTITY_SENTENCE = "Proposed through Meshport's mesh templates for ";

/**
 * The entity a Meshport commit message names: its Meshport-Entity trailer, else the sentence older commits
 * carry. Read line by line with string tests: a message is the repository's, untrusted text.
 *
 * @public
 */
export function entityOfCommitMessage(message: string): string | undefined {
  const lines = message.split('\n').map(line => line.trim());
  // Trailers close a message: the last one counts, not a look-alike line in the title or body.
  const trailer = [...lines].reverse().find(line => line.startsWith(ENTITY_TRAILER));
  if (trailer) return trailer.slice(ENTITY_TRAILER.length).trim() || undefined;
  const sentence = lines.find(line => line.startsWith(ENTITY_SENTENCE) && line.endsWith('.'));
  return sentence ? sentence.slice(ENTITY_SENTENCE.length, -1).trim() || undefined : undefined;
}

/**
 * A task's own copy of the GitOps repository: a bare repository in Meshport's state, never in a
 * workspace. It fetches only what a change needs (the base branch's last commit and the change
 * branch's own commits), reads files from git's objects rather than from disk, and builds the commit
 * from staged contents, so a file a template step wrote never reaches git and git never writes a file.
 *
 * @public
 */
export class PrivateRepository {
  private readonly git: GitRunner;

  constructor(
    private readonly state: TaskState,
    private readonly options: { remoteUrl: string; credentials?: GitCredentials; identity?: GitIdentity; limits: GitOpsLimits },
  ) {
    const { remoteUrl, credentials, identity, limits } = options;
    this.git = new GitRunner({
      gitDir: state.gitDir,
      workTree: state.workTree,
      indexFile: state.indexFile,
      transport: transportOf(remoteUrl),
      credentials: credentials && { ...credentials, remoteUrl },
      identity,
      timeoutMs: limits.timeoutMs,
    });
  }

  async init(): Promise<void> {
    await this.git.with({ gitDir: undefined, workTree: undefined, indexFile: undefined }).run(['init', '--quiet', '--bare', '--template=', this.state.gitDir]);
  }

  /** The remote's default branch and the heads asked for, in one request. */
  async remoteHeads(branches: string[]): Promise<RemoteHeads> {
    const refs = branches.map(branch => `refs/heads/${branch}`);
    let listing: string;
    try {
      listing = await this.git.output(['ls-remote', '--symref', '--', this.options.remoteUrl, 'HEAD', ...refs]);
    } catch (error) {
      throw remoteError(error, 'listing its branches');
    }
    const heads = new Map<string, string>();
    let defaultBranch: string | undefined;
    for (const line of listing.split('\n')) {
      const symref = line.match(/^ref: refs\/heads\/(\S+)\tHEAD$/);
      if (symref) defaultBranch = symref[1];
      const [sha, ref] = line.split('\t');
      if (ref?.startsWith('refs/heads/') && SHA.test(sha)) heads.set(ref.slice('refs/heads/'.length), sha);
    }
    return { defaultBranch, heads };
  }

  private async fetch(args: string[], action: string): Promise<void> {
    const { maxRepositoryBytes } = this.options.limits;
    try {
      await this.git.run(['fetch', '--quiet', '--no-tags', '--no-write-fetch-head', ...args], {
        sizeWatch: { directory: this.state.gitDir, maxBytes: maxRepositoryBytes },
      });
    } catch (error) {
      throw remoteError(error, action);
    }
    if (folderSize(this.state.gitDir) > maxRepositoryBytes) {
      throw new InputError(`repoUrl: the repository is larger than the limit of ${maxRepositoryBytes} bytes (mesh.gitops.limits.maxRepositoryBytes)`);
    }
  }

  /** Fetches the base branch's last commit. */
  async fetchBase(baseBranch: string): Promise<string> {
    await this.fetch(['--depth=1', '--', this.options.remoteUrl, `+refs/heads/${baseBranch}:${BASE_REF}`], `fetching ${baseBranch}`);
    return requireSha(await this.git.output(['rev-parse', '--verify', BASE_REF]), baseBranch);
  }

  /**
   * Fetches the change branch's own commits, those the base does not hold. False when it has none
   * (it was merged), in which case the change starts again from the base. `ref` is where it lands (a
   * reader of several branches gives each its own).
   */
  async fetchBranch(branch: string, baseBranch: string, ref: string = BRANCH_REF): Promise<boolean> {
    try {
      await this.fetch([`--shallow-exclude=refs/heads/${baseBranch}`, '--', this.options.remoteUrl, `+refs/heads/${branch}:${ref}`], `fetching ${branch}`);
      return true;
    } catch (error) {
      if (error instanceof ServiceUnavailableError && /no commits selected for shallow requests/.test(error.message)) return false;
      throw error;
    }
  }

  /** Every file under the given folders at a commit (all of them for ""), with size and kind. */
  async listTree(commit: string, folders: string[]): Promise<TreeFile[]> {
    const scope = folders.includes('') ? [] : folders;
    const listing = await this.git.run(['ls-tree', '-r', '-l', '-z', '--full-tree', commit, '--', ...scope]);
    const files: TreeFile[] = [];
    for (const record of listing.stdout.split('\0').filter(Boolean)) {
      const match = record.match(/^(\d{6}) (\w+) ([0-9a-f]+)\s+(-|\d+)\t([\s\S]+)$/);
      if (!match) continue;
      const [, mode, type, sha, size, path] = match;
      let unreadable: string | undefined;
      if (mode === '120000') unreadable = 'is a symbolic link';
      else if (type === 'commit') unreadable = 'is a submodule';
      else if (Number(size) > this.options.limits.maxFileBytes)
        unreadable = `is larger than the limit of ${this.options.limits.maxFileBytes} bytes (mesh.gitops.limits.maxFileBytes)`;
      files.push({ path, sha, size: size === '-' ? 0 : Number(size), ...(unreadable ? { unreadable } : {}) });
    }
    const { maxFiles, maxRepositoryBytes } = this.options.limits;
    if (files.length > maxFiles)
      throw new InputError(`repoUrl: ${folders.join(', ')} holds ${files.length} files, over the limit of ${maxFiles} (mesh.gitops.limits.maxFiles)`);
    const total = files.reduce((sum, file) => sum + (file.unreadable ? 0 : file.size), 0);
    if (total > maxRepositoryBytes)
      throw new InputError(
        `repoUrl: the files Meshport reads are larger than the limit of ${maxRepositoryBytes} bytes (mesh.gitops.limits.maxRepositoryBytes)`,
      );
    return files;
  }

  /** The contents of blobs, by sha, read from git's objects in one batch. */
  async readBlobs(shas: string[]): Promise<Map<string, Buffer>> {
    const wanted = [...new Set(shas)];
    const out = new Map<string, Buffer>();
    if (wanted.length === 0) return out;
    const { stdout } = await this.git.runRaw(['cat-file', '--batch'], { input: `${wanted.join('\n')}\n` });
    let offset = 0;
    while (offset < stdout.length) {
      const newline = stdout.indexOf(0x0a, offset);
      const [sha, type, size] = stdout.subarray(offset, newline).toString('utf8').split(' ');
      if (type !== 'blob') throw new Error(`git has no blob ${sha}`);
      const start = newline + 1;
      out.set(sha, stdout.subarray(start, start + Number(size)));
      offset = start + Number(size) + 1;
    }
    return out;
  }

  /** The branch's commits that someone other than Meshport's committer made: "sha by author: subject". */
  async foreignCommits(committerEmail: string): Promise<string[]> {
    const log = await this.git.output(['log', '--format=%h%x09%ce%x09%an%x09%s', `${BASE_REF}..${BRANCH_REF}`]);
    return log
      .split('\n')
      .filter(Boolean)
      .map(line => line.split('\t'))
      .filter(([, email]) => email !== committerEmail)
      .map(([sha, , author, subject]) => `${sha} by ${author}: "${subject}"`);
  }

  /**
   * The catalog entities the branch's own commits were made for: their Meshport-Entity trailer, or the
   * sentence that named the entity before there was one.
   */
  async branchEntities(): Promise<string[]> {
    const log = await this.git.output(['log', '-z', '--format=%B', `${BASE_REF}..${BRANCH_REF}`]);
    return [...new Set(log.split('\0').flatMap(message => entityOfCommitMessage(message) ?? []))];
  }

  /** Everyone the branch's commits name in a Requested-by trailer, oldest first. */
  async requesters(): Promise<string[]> {
    const log = await this.git.output(['log', '--reverse', '--format=%(trailers:key=Requested-by,valueonly)', `${BASE_REF}..${BRANCH_REF}`]);
    return [
      ...new Set(
        log
          .split('\n')
          .map(line => line.trim())
          .filter(Boolean),
      ),
    ];
  }

  /** Builds a commit on `parent` with the staged changes; undefined when they change nothing. */
  async commit(parent: string, staged: StagedChanges, message: string): Promise<string | undefined> {
    await this.git.run(['read-tree', parent]);
    const entries: string[] = [];
    for (const [path, content] of Object.entries(staged.writes)) {
      const sha = requireSha(await this.git.output(['hash-object', '-w', '--stdin'], { input: content }), path);
      entries.push(`100644 ${sha}\t${path}`);
    }
    for (const path of staged.removes) entries.push(`0 ${'0'.repeat(40)}\t${path}`);
    if (entries.length > 0) await this.git.run(['update-index', '--index-info'], { input: `${entries.join('\n')}\n` });
    const tree = await this.git.output(['write-tree']);
    if (tree === (await this.git.output(['rev-parse', `${parent}^{tree}`]))) return undefined;
    return requireSha(await this.git.output(['commit-tree', tree, '-p', parent, '-F', '-'], { input: message }), 'the new commit');
  }

  /**
   * Pushes a commit onto the change branch, only if the branch is still where the checkout found it
   * (or still absent): whoever moved it in between wins, and nothing is overwritten.
   */
  async push(commit: string, branch: string, expectedHead: string | undefined): Promise<void> {
    requireSha(commit, branch);
    try {
      await this.git.run([
        'push',
        '--quiet',
        '--porcelain',
        `--force-with-lease=refs/heads/${branch}:${expectedHead ?? ''}`,
        '--',
        this.options.remoteUrl,
        `${commit}:refs/heads/${branch}`,
      ]);
    } catch (error) {
      // A lease that no longer holds: git reports the ref "[rejected] (stale info)" (porcelain, on stdout).
      if (error instanceof GitCommandError && /\[rejected\]|stale info|non-fast-forward|fetch first/i.test(`${error.stdout}\n${error.stderr}`)) {
        throw new ConflictError(
          `Branch ${branch} was changed on the remote while this task ran; nothing was pushed. Run the template again to build on the new state.`,
        );
      }
      throw remoteError(error, `pushing ${branch}`);
    }
  }

  /** Takes a push back: the branch returns to `previousHead` (or goes away), only if it still points at `pushed`. */
  async undoPush(branch: string, pushed: string, previousHead: string | undefined): Promise<void> {
    requireSha(pushed, branch);
    const target = previousHead ? `${requireSha(previousHead, branch)}:refs/heads/${branch}` : `:refs/heads/${branch}`;
    await this.git.run(['push', '--quiet', '--porcelain', `--force-with-lease=refs/heads/${branch}:${pushed}`, '--', this.options.remoteUrl, target], {
      allowFailure: true,
    });
  }
}
