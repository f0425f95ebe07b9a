import { ChangeRequestDetails, GitOpsProvider } from './changeRequests';

/**
 * Strips any user:password from a URL before it is shown.
 *
 * @public
 */
export function displayUrl(remoteUrl: string): string {
  try {
    const url = new URL(remoteUrl);
    url.username = '';
    url.password = '';
    return url.toString();
  } catch {
    return remoteUrl;
  }
}

/**
 * Any allowed git remote over HTTPS (or a local repository where the configuration allows it) with no
 * change request API: the pushed branch is the proposal, reviewed and merged with git. No credentials
 * are sent to it.
 *
 * @public
 */
export class PlainGitProvider implements GitOpsProvider {
  readonly kind = 'git';
  readonly credentials = undefined;

  constructor(readonly remoteUrl: string) {}

  async defaultBranch() {
    return undefined;
  }

  async findOpen() {
    return undefined;
  }

  async upsert(details: ChangeRequestDetails) {
    return { url: `${displayUrl(this.remoteUrl)}#${details.branch}`, warnings: [] };
  }
}
