import { createHash } from 'node:crypto';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { InputError, ServiceUnavailableError } from '@backstage/errors';
import { folderSize } from './git';

/** The file in a task's state that names the task's workspace. */
const WORKSPACE_FILE = 'workspace';

/**
 * Changes a render made, by repository-relative path: new contents, and files to remove.
 *
 * @public
 */
export interface StagedChanges {
  writes: Record<string, string>;
  removes: string[];
}

/**
 * A file of the repository as the checkout listed it.
 *
 * @public
 */
export interface TreeFile {
  path: string;
  sha: string;
  size: number;
  /** Why Meshport will not read it (a symbolic link, a submodule, too large), if so. */
  unreadable?: string;
}

/**
 * What mesh:gitops:checkout established about a task's GitOps repository. It lives in Meshport's own
 * state, outside every task workspace, so that no template step can change it: the pull-request step
 * pushes where this says, never where a file in the workspace says.
 *
 * @public
 */
export interface CheckoutRecord {
  version: 1;
  entityRef: string;
  scope: 'service' | 'namespace';
  namespace: string;
  service?: string;
  /** The repository-relative folder Meshport writes, e.g. "mesh/payments/payment-service". */
  folder: string;
  /** The repository as the form (or the configuration) named it, already allowed. */
  repoUrl: string;
  repositoryId: string;
  /** Where git fetches and pushes. */
  remoteUrl: string;
  branch: string;
  baseBranch: string;
  baseHead: string;
  /** The branch's commit when it already existed on the remote. */
  branchHead?: string;
  /** The commit the change builds on: the branch when it holds commits the base lacks, else the base. */
  startCommit: string;
  /** Whether refs/meshport/branch holds the branch's own commits (those not on the base). */
  branchFetched: boolean;
  /** The files under the folders Meshport reads, at startCommit. */
  tree: TreeFile[];
  staged: StagedChanges;
}

/**
 * One task's state: a bare repository, an index, an empty work tree for git's index commands, the record.
 *
 * @public
 */
export class TaskState {
  readonly gitDir: string;
  readonly workTree: string;
  readonly indexFile: string;
  private readonly recordFile: string;

  constructor(readonly directory: string) {
    this.gitDir = path.join(directory, 'repository.git');
    this.workTree = path.join(directory, 'empty');
    this.indexFile = path.join(directory, 'index');
    this.recordFile = path.join(directory, 'record.json');
  }

  /**
   * Creates the state afresh; a checkout that runs again in the same task starts over. `workspacePath`
   * binds the state to the task's workspace: the scaffolder removes that when the task (or dry-run) ends,
   * and the sweep then removes the state.
   */
  async reset(workspacePath?: string): Promise<void> {
    await fs.rm(this.directory, { recursive: true, force: true });
    await fs.mkdir(this.workTree, { recursive: true, mode: 0o700 });
    if (workspacePath) await fs.writeFile(path.join(this.directory, WORKSPACE_FILE), workspacePath, { mode: 0o600 });
  }

  async writeRecord(record: CheckoutRecord): Promise<void> {
    const temporary = `${this.recordFile}.tmp`;
    await fs.writeFile(temporary, JSON.stringify(record), { mode: 0o600 });
    await fs.rename(temporary, this.recordFile);
  }

  /** The record; an InputError naming `field` when this task ran no checkout for the working copy. */
  async readRecord(field: string, workingCopy: string): Promise<CheckoutRecord> {
    try {
      return JSON.parse(await fs.readFile(this.recordFile, 'utf8'));
    } catch {
      throw new InputError(`${field}: this task checked out no GitOps repository into "${workingCopy}"; run mesh:gitops:checkout first`);
    }
  }

  async remove(): Promise<void> {
    await fs.rm(this.directory, { recursive: true, force: true });
  }
}

/**
 * How long a task's state may stay and how much the states may hold together.
 *
 * @public
 */
export interface TaskStateLimits {
  maxAgeMs: number;
  maxTotalBytes: number;
}

/** @public */
export const DEFAULT_STATE_LIMITS: TaskStateLimits = { maxAgeMs: 6 * 3600_000, maxTotalBytes: 2 * 1024 * 1024 * 1024 };

/**
 * Where Meshport keeps each task's GitOps state: a private folder (mode 0700) outside the scaffolder's
 * working directory, one subfolder per task and working copy. A state goes when its task is done with it
 * (a pull request pushed, a dry-run ended, a Meshport step failed); the sweep removes what is left: the
 * states whose task's workspace is gone, those older than `maxAgeMs`, then the oldest while all of them
 * hold more than `maxTotalBytes`.
 *
 * @public
 */
export class GitOpsTaskStore {
  private constructor(private readonly root: string, private readonly limits: TaskStateLimits) {}

  static async create(options: { directory?: string } & Partial<TaskStateLimits> = {}): Promise<GitOpsTaskStore> {
    const root = options.directory ?? (await fs.mkdtemp(path.join(os.tmpdir(), 'meshport-gitops-')));
    await fs.mkdir(root, { recursive: true, mode: 0o700 });
    await fs.chmod(root, 0o700);
    return new GitOpsTaskStore(root, {
      maxAgeMs: options.maxAgeMs ?? DEFAULT_STATE_LIMITS.maxAgeMs,
      maxTotalBytes: options.maxTotalBytes ?? DEFAULT_STATE_LIMITS.maxTotalBytes,
    });
  }

  /** The state of one task's working copy. */
  forTask(taskId: string, workingCopy: string): TaskState {
    const key = createHash('sha256').update(`${taskId}\0${workingCopy}`).digest('hex').slice(0, 40);
    return new TaskState(path.join(this.root, key));
  }

  /** Every state with when it was made, the workspace it belongs to, and its size. */
  private async states() {
    const states = [];
    for (const name of await fs.readdir(this.root).catch(() => [] as string[])) {
      const folder = path.join(this.root, name);
      const stat = await fs.lstat(folder).catch(() => undefined);
      if (!stat?.isDirectory()) continue;
      const workspace = await fs.readFile(path.join(folder, WORKSPACE_FILE), 'utf8').catch(() => undefined);
      states.push({ folder, madeAt: stat.mtimeMs, workspace, bytes: folderSize(folder) });
    }
    return states.sort((a, b) => a.madeAt - b.madeAt);
  }

  /** Removes the states no task needs any more (their workspace is gone, or they are too old); returns the rest, oldest first. */
  private async removeFinished(now: number) {
    const kept = [];
    for (const state of await this.states()) {
      const orphaned = state.workspace !== undefined && !(await fs.stat(state.workspace).catch(() => undefined));
      if (orphaned || now - state.madeAt > this.limits.maxAgeMs) await fs.rm(state.folder, { recursive: true, force: true });
      else kept.push(state);
    }
    return kept;
  }

  /** Removes the states no task needs, then the oldest while the rest exceed the size limit; returns the bytes left. */
  async sweep(now = Date.now()): Promise<number> {
    const kept = await this.removeFinished(now);
    let total = kept.reduce((sum, state) => sum + state.bytes, 0);
    for (const state of kept) {
      if (total <= this.limits.maxTotalBytes) break;
      await fs.rm(state.folder, { recursive: true, force: true });
      total -= state.bytes;
    }
    return total;
  }

  /** Refuses a new checkout while the states of running tasks already hold the most the store may. */
  async ensureRoom(now = Date.now()): Promise<void> {
    const total = (await this.removeFinished(now)).reduce((sum, state) => sum + state.bytes, 0);
    if (total >= this.limits.maxTotalBytes) {
      throw new ServiceUnavailableError(
        `Meshport's GitOps state holds ${total} bytes for running tasks, at its limit of ${this.limits.maxTotalBytes} (mesh.gitops.state.maxTotalBytes); try again when they end`,
      );
    }
  }
}
