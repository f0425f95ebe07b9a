import { ConfigReader } from '@backstage/config';
import { ScmIntegrations } from '@backstage/integration';
import { RepositoryPolicy } from './repositoryPolicy';

const integrations = ScmIntegrations.fromConfig(
  new ConfigReader({
    integrations: {
      github: [{ host: 'github.com', token: 't' }],
      gitlab: [{ host: 'gitlab.example.com', apiBaseUrl: 'https://gitlab.example.com/api/v4', token: 't' }],
      bitbucketCloud: [{ username: 'u', appPassword: 'p' }],
    },
  }),
);

const policy = (gitops: Record<string, any>) => RepositoryPolicy.fromConfig(new ConfigReader({ mesh: { gitops } }), integrations);

describe('RepositoryPolicy', () => {
  const allowing = policy({
    defaultRepoUrl: 'github.com?owner=acme&repo=gitops',
    allowedRepositories: [
      { host: 'github.com', owner: 'acme', repo: 'gitops-*' },
      { host: 'gitlab.example.com', owner: 'platform/*' },
      { host: 'git.example.com', owner: 'team' },
      { path: '/srv/gitops/*.git' },
    ],
    allowLocalRepositories: true,
  });

  it.each([
    [undefined, { kind: 'integration', id: 'github.com/acme/gitops' }],
    ['', { kind: 'integration', id: 'github.com/acme/gitops' }],
    ['github.com?owner=acme&repo=gitops-prod', { kind: 'integration', host: 'github.com', path: 'acme/gitops-prod' }],
    ['gitlab.example.com?owner=platform/mesh&repo=gitops', { kind: 'integration', id: 'gitlab.example.com/platform/mesh/gitops' }],
    ['https://git.example.com/team/gitops.git', { kind: 'git', cloneUrl: 'https://git.example.com/team/gitops.git', id: 'git.example.com/team/gitops' }],
    ['file:///srv/gitops/demo.git', { kind: 'local', path: '/srv/gitops/demo.git', cloneUrl: 'file:///srv/gitops/demo.git' }],
  ])('allows %s', (repoUrl, expected) => {
    expect(allowing.resolve(repoUrl)).toMatchObject(expected);
  });

  it.each([
    ['github.com?owner=acme&repo=payroll', /"github\.com\?owner=acme&repo=payroll" is not allowed: only mesh\.gitops\.defaultRepoUrl/],
    ['github.com?owner=evil&repo=gitops-x', /is not allowed/],
    ['https://internal.example.com/team/gitops.git', /is not allowed/],
    ['http://169.254.169.254/latest/meta-data', /is not allowed/],
    ['file:///etc/gitops.git', /is not allowed/],
    ['file:///srv/gitops/../../etc/x.git', /"file:\/\/\/srv\/gitops\/\.\.\/\.\.\/etc\/x\.git" is not allowed/],
    ['ssh://git@github.com/acme/gitops.git', /ssh is not supported/],
    ['git@github.com:acme/gitops.git', /ssh is not supported/],
    ['git+ssh://github.com/acme/gitops', /ssh is not supported/],
    ['git://github.com/acme/gitops', /the "git" transport is not supported/],
    ['ext::sh -c touch% /tmp/x', /the "ext" transport is not supported/],
    ['https://user:pass@git.example.com/team/gitops.git', /must not carry credentials/],
    ['https://git.example.com/team/gitops.git?x=1', /must not have a query or fragment/],
    ['https://git.example.com/gitops', /must name a repository/],
    ['unknown.example.com?owner=a&repo=b', /no integration is configured for unknown\.example\.com/],
    ['bitbucket.org?owner=a&repo=b', /bitbucket.org is a bitbucketCloud integration/],
    ['github.com?owner=acme', /needs owner and repo/],
  ])('refuses %s, naming the field', (repoUrl, message) => {
    expect(() => allowing.resolve(repoUrl)).toThrow(message);
    expect(() => allowing.resolve(repoUrl)).toThrow(/^repoUrl: /);
  });

  it('refuses local repositories unless they are switched on, even the default', () => {
    const off = policy({ defaultRepoUrl: 'file:///srv/gitops/demo.git', allowedRepositories: [{ path: '/srv/gitops/*.git' }] });
    expect(() => off.resolve(undefined)).toThrow(
      /mesh\.gitops\.defaultRepoUrl: "file:\/\/\/srv\/gitops\/demo\.git" is not allowed: local repositories are off/,
    );
    expect(() => off.resolve('file:///srv/gitops/other.git')).toThrow(/local repositories are off/);
  });

  it('needs a repository when the configuration names no default', () => {
    expect(() => policy({}).resolve(undefined)).toThrow(/^repoUrl: is required/);
  });

  it('tells two spellings of the same repository apart from two repositories', () => {
    const plain = policy({ allowedRepositories: [{ host: 'git.example.com' }] });
    expect(plain.resolve('https://git.example.com/team/gitops.git').id).toBe(plain.resolve('https://git.example.com/team/gitops').id);
    expect(plain.resolve('https://git.example.com/team/gitops.git').id).not.toBe(plain.resolve('https://git.example.com/other/gitops.git').id);
  });
});
