import os from 'node:os';
import { Config } from '@backstage/config';
import { DefaultGithubCredentialsProvider, ScmIntegrations } from '@backstage/integration';
import { PendingChangesStatus } from '@meshport/plugin-mesh-common';
import { changeBranchName, displayUrl, GitOpsProvider, GitRunner, isGitRemoteUrl, resolveProvider } from '@meshport/plugin-mesh-node';

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
 * `meshport/<namespace>/<service>` branch the mesh templates push, while it exists. Git runs as the
 * scaffolder actions run it (GitRunner: no host git config, no prompts), so both see the same remote.
 */
export class GitBranchPendingChanges implements PendingChangesSource {
  constructor(private readonly repoUrl: string, private readonly timeoutMs = 10_000) {}

  async forService(namespace: string, service: string): Promise<PendingChangesStatus> {
    const branch = changeBranchName({ namespace, service });
    try {
      const { stdout } = await new GitRunner(os.tmpdir()).run(['ls-remote', '--heads', this.repoUrl, `refs/heads/${branch}`], { timeoutMs: this.timeoutMs });
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
