import { InputError } from '@backstage/errors';
import { GithubCredentialsProvider, ScmIntegrationRegistry } from '@backstage/integration';
import { GitOpsProvider } from './changeRequests';
import { GithubProvider } from './github';
import { GitlabProvider } from './gitlab';
import { PlainGitProvider } from './plainGit';
import { GitOpsLimits } from './gitopsConfig';
import { GitOpsRepository } from './repositoryPolicy';

/**
 * The provider for an allowed repository: GitHub or GitLab when its host is such an integration, with
 * that integration's credentials (bound to that host), and plain git, with no credentials, otherwise.
 *
 * @public
 */
export async function resolveProvider(
  repository: GitOpsRepository,
  integrations: ScmIntegrationRegistry,
  githubCredentials: GithubCredentialsProvider,
  limits: Pick<GitOpsLimits, 'timeoutMs'>,
): Promise<GitOpsProvider> {
  if (repository.kind !== 'integration') return new PlainGitProvider(repository.cloneUrl!);
  const { host, path } = repository;
  const slash = path.lastIndexOf('/');
  const owner = path.slice(0, slash);
  const repo = path.slice(slash + 1);
  const integration = integrations.byHost(host);
  if (integration?.type === 'github') {
    const { token } = await githubCredentials.getCredentials({ url: `https://${host}/${owner}/${repo}` });
    if (!token) throw new InputError(`repoUrl: no credentials for ${host}; configure a token or app under integrations.github`);
    const config = integrations.github.byHost(host)!.config;
    return new GithubProvider({ host, apiBaseUrl: config.apiBaseUrl ?? 'https://api.github.com', owner, repo, token, timeoutMs: limits.timeoutMs });
  }
  const config = integrations.gitlab.byHost(host)!.config;
  if (!config.token) throw new InputError(`repoUrl: no token for ${host}; configure one under integrations.gitlab`);
  return new GitlabProvider({ host, baseUrl: config.baseUrl, projectPath: path, token: config.token, timeoutMs: limits.timeoutMs });
}
