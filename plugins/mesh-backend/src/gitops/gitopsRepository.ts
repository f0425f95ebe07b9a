import { Config } from '@backstage/config';
import { DefaultGithubCredentialsProvider, ScmIntegrations } from '@backstage/integration';
import { GitOpsProvider, GitOpsRepository, limitsFromConfig, RepositoryPolicy, resolveProvider } from '@meshport/plugin-mesh-node';

/**
 * The portal's GitOps repository (`mesh.gitops.defaultRepoUrl`), allowed as the scaffolder allows it, and
 * how to reach its host with the `integrations` credentials; undefined when none is configured, the error
 * when the configuration refuses it.
 */
export function gitopsRepositoryFor(
  config: Config,
): { repository: GitOpsRepository; provider?: () => Promise<GitOpsProvider> } | { error: unknown } | undefined {
  if (!config.getOptionalString('mesh.gitops.defaultRepoUrl')) return undefined;
  const integrations = ScmIntegrations.fromConfig(config);
  let repository: GitOpsRepository;
  try {
    repository = RepositoryPolicy.fromConfig(config, integrations).resolve(undefined);
  } catch (error) {
    return { error };
  }
  if (repository.kind !== 'integration') return { repository };
  const githubCredentials = DefaultGithubCredentialsProvider.fromIntegrations(integrations);
  return { repository, provider: () => resolveProvider(repository, integrations, githubCredentials, limitsFromConfig(config)) };
}
