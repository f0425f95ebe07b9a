import { createHash } from 'node:crypto';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { InputError } from '@backstage/errors';

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

  /** Creates the state afresh; a checkout that runs again in the same task starts over. */
  async reset(): Promise<void> {
    await fs.rm(this.directory, { recursive: true, force: true });
    await fs.mkdir(this.workTree, { recursive: true, mode: 0o700 });
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
 * Where Meshport keeps each task's GitOps state: a private folder (mode 0700) outside the scaffolder's
 * working directory, one subfolder per task and working copy. Left-overs of tasks that ended without a
 * pull request are swept after `maxAgeMs`.
 *
 * @public
 */
export class GitOpsTaskStore {
  private constructor(private readonly root: string, private readonly maxAgeMs: number) {}

  static async create(options: { directory?: string; maxAgeMs?: number } = {}): Promise<GitOpsTaskStore> {
    const root = options.directory ?? (await fs.mkdtemp(path.join(os.tmpdir(), 'meshport-gitops-')));
    await fs.mkdir(root, { recursive: true, mode: 0o700 });
    await fs.chmod(root, 0o700);
    return new GitOpsTaskStore(root, options.maxAgeMs ?? 24 * 3600_000);
  }

  /** The state of one task's working copy. */
  forTask(taskId: string, workingCopy: string): TaskState {
    const key = createHash('sha256').update(`${taskId}\0${workingCopy}`).digest('hex').slice(0, 40);
    return new TaskState(path.join(this.root, key));
  }

  /** Removes the states of tasks older than the maximum age. */
  async sweep(now = Date.now()): Promise<void> {
    for (const name of await fs.readdir(this.root).catch(() => [] as string[])) {
      const folder = path.join(this.root, name);
      const stat = await fs.stat(folder).catch(() => undefined);
      if (stat && now - stat.mtimeMs > this.maxAgeMs) await fs.rm(folder, { recursive: true, force: true });
    }
  }
}
