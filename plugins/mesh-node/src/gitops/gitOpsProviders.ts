import { coreServices, createServiceFactory, createServiceRef, ServiceFactory } from '@backstage/backend-plugin-api';
import { Config } from '@backstage/config';
import { InputError } from '@backstage/errors';
import { DefaultGithubCredentialsProvider, GithubCredentialsProvider, ScmIntegrationRegistry, ScmIntegrations } from '@backstage/integration';
import { GitOpsProvider } from './changeRequests';
import { GithubProvider } from './github';
import { GitlabProvider } from './gitlab';
import { GitOpsLimits, limitsFromConfig } from './gitopsConfig';
import { PlainGitProvider } from './plainGit';
import { GitOpsRepository, ownerAndRepo } from './repositoryPolicy';

/**
 * What a provider is made with: the portal's `integrations` (each host's credentials) and the time a host's
 * API call may take.
 *
 * @public
 */
export interface GitOpsProviderContext {
  integrations: ScmIntegrationRegistry;
  timeoutMs: number;
}

/**
 * Change requests on one kind of git host that `integrations` configures: GitHub and GitLab come with Meshport;
 * an installation adds its own (Bitbucket Server, Gitea, Azure DevOps…) through
 * {@link meshGitOpsProvidersServiceFactory}.
 *
 * @public
 */
export interface GitOpsProviderFactory {
  /** The integration type it serves, as `integrations` names it ("bitbucketServer", "gitea", "azure"…). */
  integrationType: string;
  /**
   * The provider for one allowed repository on a host of that type (`repository.host`, and `repository.path`
   * "owner/repo" or "group/sub/project"), with that host's credentials from `context.integrations`; an
   * InputError naming `repoUrl` when the host has none.
   */
  create(repository: GitOpsRepository, context: GitOpsProviderContext): Promise<GitOpsProvider>;
}

function githubProviders(credentials: GithubCredentialsProvider): GitOpsProviderFactory {
  return {
    integrationType: 'github',
    async create({ host, path }, { integrations, timeoutMs }) {
      const { owner, repo } = ownerAndRepo(path);
      const { token } = await credentials.getCredentials({ url: `https://${host}/${owner}/${repo}` });
      if (!token) throw new InputError(`repoUrl: no credentials for ${host}; configure a token or app under integrations.github`);
      const config = integrations.github.byHost(host)!.config;
      return new GithubProvider({ host, apiBaseUrl: config.apiBaseUrl ?? 'https://api.github.com', owner, repo, token, timeoutMs });
    },
  };
}

const gitlabProviders: GitOpsProviderFactory = {
  integrationType: 'gitlab',
  async create({ host, path }, { integrations, timeoutMs }) {
    const config = integrations.gitlab.byHost(host)!.config;
    if (!config.token) throw new InputError(`repoUrl: no token for ${host}; configure one under integrations.gitlab`);
    return new GitlabProvider({ host, baseUrl: config.baseUrl, projectPath: path, token: config.token, timeoutMs });
  },
};

/**
 * The GitOps providers of a portal: for an allowed repository, GitHub or GitLab (or an installation's own kind)
 * when its host is such an integration, with that integration's credentials bound to that host, and plain git
 * with no credentials otherwise.
 *
 * @public
 */
export class GitOpsProviders {
  private readonly byType = new Map<string, GitOpsProviderFactory>();

  /** @param integrations - the portal's `integrations`, which `RepositoryPolicy` reads too. */
  constructor(readonly integrations: ScmIntegrationRegistry, private readonly limits: Pick<GitOpsLimits, 'timeoutMs'>, added: GitOpsProviderFactory[] = []) {
    for (const factory of [githubProviders(DefaultGithubCredentialsProvider.fromIntegrations(integrations)), gitlabProviders, ...added]) {
      if (this.byType.has(factory.integrationType)) throw new Error(`a GitOps provider for ${factory.integrationType} integrations is already there`);
      this.byType.set(factory.integrationType, factory);
    }
  }

  static fromConfig(config: Config, added: GitOpsProviderFactory[] = []): GitOpsProviders {
    return new GitOpsProviders(ScmIntegrations.fromConfig(config), limitsFromConfig(config), added);
  }

  /** The integration types a repository may be on: those a provider serves. */
  get integrationTypes(): string[] {
    return [...this.byType.keys()];
  }

  /** The provider for an allowed repository (as `RepositoryPolicy.resolve` gives it). */
  async providerFor(repository: GitOpsRepository): Promise<GitOpsProvider> {
    if (repository.kind !== 'integration') return new PlainGitProvider(repository.cloneUrl!);
    const type = this.integrations.byHost(repository.host)?.type;
    const factory = type === undefined ? undefined : this.byType.get(type);
    if (!factory) {
      throw new InputError(`repoUrl: ${repository.host} is a ${type ?? 'unconfigured'} host, and no GitOps provider serves ${type ?? 'it'}`);
    }
    return factory.create(repository, { integrations: this.integrations, timeoutMs: this.limits.timeoutMs });
  }
}

/**
 * The portal's GitOps providers, shared by the mesh status backend (open change requests, merged files) and the
 * scaffolder's mesh actions (checkout, change requests). Replace its factory to add a provider to both:
 * `backend.add(meshGitOpsProvidersServiceFactory({ providers: [giteaProviders] }))`.
 *
 * @public
 */
export const meshGitOpsProvidersServiceRef = createServiceRef<GitOpsProviders>({
  id: 'mesh.gitops-providers',
  scope: 'root',
  defaultFactory: async () => meshGitOpsProvidersServiceFactory({ providers: [] }),
});

/**
 * The GitOps providers service with an installation's own providers next to GitHub, GitLab and plain git.
 *
 * @public
 */
export function meshGitOpsProvidersServiceFactory(options: { providers: GitOpsProviderFactory[] }): ServiceFactory<GitOpsProviders, 'root'> {
  return createServiceFactory({
    service: meshGitOpsProvidersServiceRef,
    deps: { config: coreServices.rootConfig },
    factory: ({ config }) => GitOpsProviders.fromConfig(config, options.providers),
  });
}
