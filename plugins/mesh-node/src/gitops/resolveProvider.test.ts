import { ConfigReader } from '@backstage/config';
import { DefaultGithubCredentialsProvider, ScmIntegrations } from '@backstage/integration';
import { resolveProvider } from './resolveProvider';
import { GitOpsRepository } from './repositoryPolicy';

const integrations = ScmIntegrations.fromConfig(
  new ConfigReader({
    integrations: {
      github: [
        { host: 'github.example.com', apiBaseUrl: 'https://github.example.com/api/v3', token: 'ghp_example' },
        { host: 'github.notoken.example.com', apiBaseUrl: 'https://github.notoken.example.com/api/v3' },
      ],
      gitlab: [
        { host: 'gitlab.example.com', apiBaseUrl: 'https://gitlab.example.com/api/v4', baseUrl: 'https://gitlab.example.com', token: 'glpat_example' },
        { host: 'gitlab.notoken.example.com', apiBaseUrl: 'https://gitlab.notoken.example.com/api/v4', baseUrl: 'https://gitlab.notoken.example.com' },
      ],
    },
  }),
);
const credentials = DefaultGithubCredentialsProvider.fromIntegrations(integrations);
const LIMITS = { timeoutMs: 10_000 };
const repository = (kind: GitOpsRepository['kind'], host: string, path: string, cloneUrl?: string): GitOpsRepository => ({
  repoUrl: cloneUrl ?? `${host}?repo=${path}`,
  kind,
  host,
  path,
  cloneUrl,
  id: `${host}/${path}`,
});

describe('resolveProvider', () => {
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
    expect(await resolveProvider(repository('integration', host, path), integrations, credentials, LIMITS)).toMatchObject(expected);
  });

  it('gives any other repository plain git with no credentials: no token leaves for a host the integrations do not name', async () => {
    const provider = await resolveProvider(
      repository('git', 'git.example.org', 'team/gitops', 'https://git.example.org/team/gitops.git'),
      integrations,
      credentials,
      LIMITS,
    );
    expect(provider).toMatchObject({ kind: 'git', remoteUrl: 'https://git.example.org/team/gitops.git' });
    expect(provider.credentials).toBeUndefined();
  });

  it('refuses an integration host without credentials, naming repoUrl and where to configure them', async () => {
    await expect(
      resolveProvider(repository('integration', 'github.notoken.example.com', 'acme/gitops'), integrations, credentials, LIMITS),
    ).rejects.toMatchObject({
      name: 'InputError',
      message: 'repoUrl: no credentials for github.notoken.example.com; configure a token or app under integrations.github',
    });
    await expect(
      resolveProvider(repository('integration', 'gitlab.notoken.example.com', 'acme/gitops'), integrations, credentials, LIMITS),
    ).rejects.toMatchObject({
      name: 'InputError',
      message: 'repoUrl: no token for gitlab.notoken.example.com; configure one under integrations.gitlab',
    });
  });
});
