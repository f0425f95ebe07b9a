import { InputError } from '@backstage/errors';
import { GithubCredentialsProvider, ScmIntegrationRegistry } from '@backstage/integration';
import { parseRepoUrl } from '@backstage/plugin-scaffolder-node';
import { GitOpsProvider } from './changeRequests';
import { GithubProvider } from './github';
import { GitlabProvider } from './gitlab';
import { PlainGitProvider } from './plainGit';

/** A git remote URL rather than Backstage's "host?owner=…&repo=…" form. */
export function isGitRemoteUrl(repoUrl: string): boolean {
  return /^(file|ssh|git|https?):\/\//.test(repoUrl) || /^[\w.-]+@[\w.-]+:/.test(repoUrl);
}

/**
 * The provider for a repository URL: GitHub or GitLab when it is in Backstage's repo URL form and the
 * host's integration says which, credentials from that integration; any other git URL is plain git.
 */
export async function resolveProvider(
  repoUrl: string,
  integrations: ScmIntegrationRegistry,
  githubCredentials: GithubCredentialsProvider,
): Promise<GitOpsProvider> {
  if (isGitRemoteUrl(repoUrl)) return new PlainGitProvider(repoUrl);
  const { host, owner, repo } = parseRepoUrl(repoUrl, integrations);
  if (!owner || !repo) throw new InputError(`repoUrl: "${repoUrl}" needs owner and repo`);
  const integration = integrations.byHost(host);
  if (integration?.type === 'github') {
    const { token } = await githubCredentials.getCredentials({ url: `https://${host}/${owner}/${repo}` });
    if (!token) throw new InputError(`repoUrl: no credentials for ${host}; configure a token or app under integrations.github`);
    const config = integrations.github.byHost(host)!.config;
    return new GithubProvider({ host, apiBaseUrl: config.apiBaseUrl ?? 'https://api.github.com', owner, repo, token });
  }
  if (integration?.type === 'gitlab') {
    const config = integrations.gitlab.byHost(host)!.config;
    if (!config.token) throw new InputError(`repoUrl: no token for ${host}; configure one under integrations.gitlab`);
    return new GitlabProvider({ host, baseUrl: config.baseUrl, projectPath: `${owner}/${repo}`, token: config.token });
  }
  throw new InputError(`repoUrl: ${host} is a ${integration?.type} integration; Meshport opens change requests on GitHub, GitLab or any plain git remote`);
}
