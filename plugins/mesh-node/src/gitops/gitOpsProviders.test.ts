import { ConfigReader } from '@backstage/config';
import { ScmIntegrations } from '@backstage/integration';
import { GitOpsProviderFactory, GitOpsProviders } from './gitOpsProviders';
import { GitOpsRepository, RepositoryPolicy } from './repositoryPolicy';

const integrations = ScmIntegrations.fromConfig(
  new ConfigReader({
    integrations: {
      github: [
        { host: 'github.example.com', apiBaseUrl: 'https://github.example.com/api/v3', token: 'ghp_example' },
        { host: 'github.notoken.example.com', apiBaseUrl: 'https://github.notoken.example.com/api/v3' },
      ],
      gitea: [{ host: 'gitea.example.com', username: 'meshport', password: 'gitea-token' }],
      gitlab: [
        { host: 'gitlab.example.com', apiBaseUrl: 'https://gitlab.example.com/api/v4', baseUrl: 'https://gitlab.example.com', token: 'glpat_example' },
        { host: 'gitlab.notoken.example.com', apiBaseUrl: 'https://gitlab.notoken.example.com/api/v4', baseUrl: 'https://gitlab.notoken.example.com' },
      ],
    },
  }),
);
const LIMITS = { timeoutMs: 10_000 };
const providers = new GitOpsProviders(integrations, LIMITS);
const resolveProvider = (repo: GitOpsRepository) => providers.providerFor(repo);
const repository = (kind: GitOpsRepository['kind'], host: string, path: string, cloneUrl?: string): GitOpsRepository => ({
  repoUrl: cloneUrl ?? `${host}?repo=${path}`,
  kind,
  host,
  path,
  cloneUrl,
  id: `${host}/${path}`,
});

describe('GitOpsProviders', () => {
  it.each([
    [
      'a GitHub host',
      'github.example.com',
      'acme/gitops',
      { kind: 'github', remoteUrl: 'https://github.example.com/acme/gitops.git', credentials: { username: 'x-access-token', password: 'ghp_example' } },
    ],
    [
      'a GitLab host (subgroups included)',
      'gitlab.example.com',
      'platform/mesh/gitops',
      { kind: 'gitlab', remoteUrl: 'https://gitlab.example.com/platform/mesh/gitops.git', credentials: { username: 'oauth2', password: 'glpat_example' } },
    ],
  ])("gives %s's repository its provider, with that host's token and its own remote", async (_, host, path, expected) => {
    expect(await resolveProvider(repository('integration', host, path))).toMatchObject(expected);
  });

  it('gives any other repository plain git with no credentials: no token leaves for a host the integrations do not name', async () => {
    const provider = await resolveProvider(repository('git', 'git.example.org', 'team/gitops', 'https://git.example.org/team/gitops.git'));
    expect(provider).toMatchObject({ kind: 'git', remoteUrl: 'https://git.example.org/team/gitops.git' });
    expect(provider.credentials).toBeUndefined();
  });

  it('refuses an integration host without credentials, naming repoUrl and where to configure them', async () => {
    await expect(resolveProvider(repository('integration', 'github.notoken.example.com', 'acme/gitops'))).rejects.toMatchObject({
      name: 'InputError',
      message: 'repoUrl: no credentials for github.notoken.example.com; configure a token or app under integrations.github',
    });
    await expect(resolveProvider(repository('integration', 'gitlab.notoken.example.com', 'acme/gitops'))).rejects.toMatchObject({
      name: 'InputError',
      message: 'repoUrl: no token for gitlab.notoken.example.com; configure one under integrations.gitlab',
    });
  });

  describe("an installation's own kind of host", () => {
    /** A provider for Gitea, as an installation would write one, with the host's credentials from integrations.gitea. */
    const gitea: GitOpsProviderFactory = {
      integrationType: 'gitea',
      async create({ host, path }, context) {
        const config = context.integrations.gitea.byHost(host)!.config;
        return {
          kind: 'gitea',
          remoteUrl: `https://${host}/${path}.git`,
          credentials: { username: config.username!, password: config.password! },
          defaultBranch: async () => 'main',
          findOpen: async () => undefined,
          upsert: async () => ({ url: `https://${host}/${path}/pulls/1`, number: 1, warnings: [] }),
        };
      },
    };
    const giteaRepo = 'gitea.example.com?owner=team&repo=gitops';
    const config = new ConfigReader({ mesh: { gitops: { allowedRepositories: [{ host: 'gitea.example.com' }] } } });

    it('is refused, naming repoUrl and how to add one, while no provider serves it', () => {
      expect(() => RepositoryPolicy.fromConfig(config, integrations, providers.integrationTypes).resolve(giteaRepo)).toThrow(
        'repoUrl: gitea.example.com is a gitea integration; Meshport opens change requests on github, gitlab integrations or any plain git remote',
      );
    });

    it('is allowed and opens its change requests through the added provider, with that host’s credentials', async () => {
      const withGitea = new GitOpsProviders(integrations, LIMITS, [gitea]);
      const allowed = RepositoryPolicy.fromConfig(config, integrations, withGitea.integrationTypes).resolve(giteaRepo);
      const provider = await withGitea.providerFor(allowed);
      expect(provider).toMatchObject({ kind: 'gitea', remoteUrl: 'https://gitea.example.com/team/gitops.git', credentials: { password: 'gitea-token' } });
      expect(await provider.upsert({ branch: 'b', baseBranch: 'main', title: 't', body: '', labels: [], reviewers: [] }, undefined)).toMatchObject({
        number: 1,
      });
    });

    it('may not take a kind that is already served', () => {
      expect(() => new GitOpsProviders(integrations, LIMITS, [{ ...gitea, integrationType: 'github' }])).toThrow(
        'a GitOps provider for github integrations is already there',
      );
    });
  });
});
