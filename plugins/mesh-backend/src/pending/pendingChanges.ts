import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { Config } from '@backstage/config';
import { DefaultGithubCredentialsProvider, ScmIntegrations } from '@backstage/integration';
import { PendingChangesStatus } from '@meshport/plugin-mesh-common';
import { changeBranchName, displayUrl, GitOpsProvider, isGitRemoteUrl, resolveProvider } from '@meshport/plugin-mesh-node';

const run = promisify(execFile);

/** Where open Meshport changes for an entity are found. */
export interface PendingChangesSource {
  forService(namespace: string, service: string): Promise<PendingChangesStatus>;
}

function failure(error: unknown): PendingChangesStatus {
  const text = String((error as any)?.stderr || (error as Error)?.message || error).trim().split('\n')[0];
  return { items: [], error: `the GitOps repository could not be read: ${text}` };
}

/**
 * Pending changes on a plain git remote (the embedded default, `file://` included): the
 * `meshport/<namespace>/<service>` branch the mesh templates push, while it exists.
 */
export class GitBranchPendingChanges implements PendingChangesSource {
  constructor(private readonly repoUrl: string, private readonly timeoutMs = 10_000) {}

  async forService(namespace: string, service: string): Promise<PendingChangesStatus> {
    const branch = changeBranchName({ namespace, service });
    try {
      const { stdout } = await run('git', ['ls-remote', '--heads', this.repoUrl, `refs/heads/${branch}`], { timeout: this.timeoutMs, env: { ...process.env, GIT_TERMINAL_PROMPT: '0' } });
      return { items: stdout.trim() ? [{ url: `${displayUrl(this.repoUrl)}#${branch}`, branch }] : [] };
    } catch (error) {
      return failure(error);
    }
  }
}

/** Pending changes on GitHub or GitLab: the open pull or merge request from the service's Meshport branch. */
export class ChangeRequestPendingChanges implements PendingChangesSource {
  constructor(private readonly provider: () => Promise<GitOpsProvider>, private readonly targetBranch?: string) {}

  async forService(namespace: string, service: string): Promise<PendingChangesStatus> {
    const branch = changeBranchName({ namespace, service });
    try {
      const provider = await this.provider();
      const base = this.targetBranch ?? (await provider.defaultBranch()) ?? 'main';
      const open = await provider.findOpen(branch, base);
      return { items: open ? [{ url: open.url, number: open.number, branch }] : [] };
    } catch (error) {
      return failure(error);
    }
  }
}

/** The pending-changes source for `mesh.gitops.defaultRepoUrl`, with credentials from `integrations`. */
export function pendingChangesSourceFor(config: Config): PendingChangesSource | undefined {
  const repoUrl = config.getOptionalString('mesh.gitops.defaultRepoUrl');
  if (!repoUrl) return undefined;
  if (isGitRemoteUrl(repoUrl)) return new GitBranchPendingChanges(repoUrl);
  const integrations = ScmIntegrations.fromConfig(config);
  const githubCredentials = DefaultGithubCredentialsProvider.fromIntegrations(integrations);
  return new ChangeRequestPendingChanges(() => resolveProvider(repoUrl, integrations, githubCredentials), config.getOptionalString('mesh.gitops.targetBranch'));
}
