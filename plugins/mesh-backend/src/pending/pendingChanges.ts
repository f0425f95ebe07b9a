import { Config } from '@backstage/config';
import { PendingChangesStatus } from '@meshport/plugin-mesh-common';
import {
  ChangeRequest,
  changeBranchName,
  displayUrl,
  GitOpsProvider,
  GitRunner,
  GitTransport,
  RateLimitedError,
  GitOpsProviders,
} from '@meshport/plugin-mesh-node';
import { gitopsRepositoryFor } from '../gitops/gitopsRepository';
import { CachedPendingChanges } from './cachedPendingChanges';
import { PendingChangesSource } from './pendingChangesSource';

export type { PendingChangesSource };

function failure(error: unknown): PendingChangesStatus {
  const text = String((error as any)?.stderr || (error as Error)?.message || error)
    .trim()
    .split('\n')[0];
  return { items: [], error: `the GitOps repository could not be read: ${text}` };
}

/**
 * Pending changes on a plain git remote (the embedded default, `file://` included): the
 * `meshport/<namespace>/<service>` branch the mesh templates push, while it exists. Git runs as the
 * scaffolder actions run it (GitRunner: pinned configuration, stripped environment, one transport).
 */
export class GitBranchPendingChanges implements PendingChangesSource {
  private readonly git: GitRunner;

  constructor(private readonly repoUrl: string, timeoutMs = 10_000) {
    this.git = new GitRunner({ transport: new URL(repoUrl).protocol.replace(/:$/, '') as GitTransport, timeoutMs });
  }

  async forService(namespace: string, service: string): Promise<PendingChangesStatus> {
    const branch = changeBranchName({ namespace, service });
    try {
      const { stdout } = await this.git.run(['ls-remote', '--heads', '--', this.repoUrl, `refs/heads/${branch}`]);
      return { items: stdout.trim() ? [{ url: `${displayUrl(this.repoUrl)}#${branch}`, branch }] : [] };
    } catch (error) {
      return failure(error);
    }
  }
}

/** Pending changes on GitHub or GitLab: the open pull or merge request from the service's Meshport branch. */
export class ChangeRequestPendingChanges implements PendingChangesSource {
  /** The repository's default branch, asked once (a repository rarely changes it). */
  private defaultBranch?: Promise<string>;
  /** The last answer per branch with its ETag: asked again conditionally, a 304 costs no rate limit. */
  private readonly lastAnswers = new Map<string, { etag: string; open?: ChangeRequest }>();
  /** While the token's rate limit is used up: when it resets, and the host's words. */
  private rateLimited?: RateLimitedError;

  constructor(private readonly provider: () => Promise<GitOpsProvider>, private readonly targetBranch?: string, private readonly timeoutMs = 10_000) {}

  private baseBranch(provider: GitOpsProvider): Promise<string> {
    if (this.targetBranch) return Promise.resolve(this.targetBranch);
    this.defaultBranch ??= provider.defaultBranch().then(
      name => name ?? 'main',
      error => {
        this.defaultBranch = undefined;
        throw error;
      },
    );
    return this.defaultBranch;
  }

  async forService(namespace: string, service: string): Promise<PendingChangesStatus> {
    const branch = changeBranchName({ namespace, service });
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`the Git host gave no answer within ${this.timeoutMs} ms`)), this.timeoutMs);
    });
    try {
      // Spend nothing of a used-up rate limit: the scaffolder's change requests need what is left.
      if (this.rateLimited && Date.now() < this.rateLimited.resetsAt) throw this.rateLimited;
      const lookup = async () => {
        const provider = await this.provider();
        const base = await this.baseBranch(provider);
        if (!provider.findOpenIfChanged) return provider.findOpen(branch, base);
        const last = this.lastAnswers.get(branch);
        const answer = await provider.findOpenIfChanged(branch, base, last?.etag);
        if ('notModified' in answer) return last?.open;
        if (answer.etag) this.lastAnswers.set(branch, { etag: answer.etag, open: answer.open });
        return answer.open;
      };
      const open = await Promise.race([lookup(), deadline]);
      return { items: open ? [{ url: open.url, number: open.number, branch }] : [] };
    } catch (error) {
      if (error instanceof RateLimitedError) this.rateLimited = error;
      return failure(error);
    } finally {
      clearTimeout(timer);
    }
  }
}

/** A repository the configuration does not allow: every answer says so. */
class RefusedPendingChanges implements PendingChangesSource {
  constructor(private readonly error: unknown) {}

  async forService(): Promise<PendingChangesStatus> {
    return failure(this.error);
  }
}

/**
 * The pending-changes source for `mesh.gitops.defaultRepoUrl`, with credentials from `integrations`,
 * each service's answer reused for `mesh.status.pendingChangesTtlMs`: by default 60 s on a Git host's API
 * (its rate limit is the scaffolder's too), 5 s on a plain git remote (one ls-remote, no rate limit), so that
 * the Mesh tab a change request's link opens already lists the change.
 */
export function pendingChangesSourceFor(config: Config, providers?: GitOpsProviders): PendingChangesSource | undefined {
  const source = uncachedSourceFor(config, providers);
  const ttlMs = config.getOptionalNumber('mesh.status.pendingChangesTtlMs') ?? (source instanceof GitBranchPendingChanges ? 5_000 : 60_000);
  return source && ttlMs > 0 ? new CachedPendingChanges(source, ttlMs) : source;
}

function uncachedSourceFor(config: Config, providers?: GitOpsProviders): PendingChangesSource | undefined {
  const gitops = gitopsRepositoryFor(config, providers);
  if (!gitops) return undefined;
  if ('error' in gitops) return new RefusedPendingChanges(gitops.error);
  if (!gitops.provider) return new GitBranchPendingChanges(gitops.repository.cloneUrl!);
  return new ChangeRequestPendingChanges(
    gitops.provider,
    config.getOptionalString('mesh.gitops.targetBranch'),
    config.getOptionalNumber('mesh.status.requestTimeoutMs') ?? 10_000,
  );
}
