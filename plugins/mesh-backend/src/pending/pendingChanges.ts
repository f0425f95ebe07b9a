import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { PendingChangesStatus } from '@meshport/plugin-mesh-common';

const run = promisify(execFile);

/** Where open Meshport changes for an entity are found. */
export interface PendingChangesSource {
  forService(namespace: string, service: string): Promise<PendingChangesStatus>;
}

/** Strips credentials from a URL before it is shown. */
function withoutCredentials(url: string): string {
  return url.replace(/\/\/[^/@]*@/, '//');
}

/**
 * Pending changes on a plain git remote (the embedded default, `file://` included): the
 * `meshport/<namespace>/<service>` branch the mesh templates push, while it exists.
 */
export class GitBranchPendingChanges implements PendingChangesSource {
  constructor(private readonly repoUrl: string, private readonly timeoutMs = 10_000) {}

  async forService(namespace: string, service: string): Promise<PendingChangesStatus> {
    const branch = `meshport/${namespace}/${service}`;
    try {
      const { stdout } = await run('git', ['ls-remote', '--heads', this.repoUrl, `refs/heads/${branch}`], {
        timeout: this.timeoutMs,
        env: { ...process.env, GIT_TERMINAL_PROMPT: '0' },
      });
      const found = stdout.trim().length > 0;
      return { items: found ? [{ url: `${withoutCredentials(this.repoUrl)}#${branch}`, branch, title: `Mesh changes for ${namespace}/${service}` }] : [] };
    } catch (error) {
      return { items: [], error: `the GitOps repository could not be read: ${withoutCredentials(String((error as any).stderr || (error as Error).message).trim().split('\n')[0])}` };
    }
  }
}

/** Where pending changes come from, by `mesh.gitops.defaultRepoUrl`; undefined when it names no plain git remote. */
export function pendingChangesSourceFor(repoUrl: string | undefined): PendingChangesSource | undefined {
  if (!repoUrl) return undefined;
  // GitHub and GitLab repo URLs in Backstage's "host?owner=&repo=" form are listed by their APIs (not yet here).
  if (/^[^/]+\?/.test(repoUrl)) return undefined;
  return new GitBranchPendingChanges(repoUrl);
}
