import { Config } from '@backstage/config';
import { GitOpsProvider, GitOpsProviders, GitOpsRepository, RepositoryPolicy } from '@meshport/plugin-mesh-node';

/**
 * The portal's GitOps repository (`mesh.gitops.defaultRepoUrl`), allowed as the scaffolder allows it, and
 * how to reach its host with the `integrations` credentials; undefined when none is configured, the error
 * when the configuration refuses it.
 */
export function gitopsRepositoryFor(
  config: Config,
  providers: GitOpsProviders = GitOpsProviders.fromConfig(config),
): { repository: GitOpsRepository; provider?: () => Promise<GitOpsProvider> } | { error: unknown } | undefined {
  if (!config.getOptionalString('mesh.gitops.defaultRepoUrl')) return undefined;
  let repository: GitOpsRepository;
  try {
    repository = RepositoryPolicy.fromConfig(config, providers.integrations, providers.integrationTypes).resolve(undefined);
  } catch (error) {
    return { error };
  }
  if (repository.kind !== 'integration') return { repository };
  return { repository, provider: () => providers.providerFor(repository) };
}
