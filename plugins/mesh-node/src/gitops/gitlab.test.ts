import { AuthenticationError, ConflictError, NotFoundError } from '@backstage/errors';
import { git, GitlabTestServer, pushCommit } from '@meshport/test-harness';
import { GitlabProvider } from './gitlab';

const TOKEN = 'glpat_provider_test_token';

describe('GitlabProvider, through Gitbeaker against the GitLab test server', () => {
  let gitlab: GitlabTestServer;
  let repository: string;
  const provider = (overrides: { token?: string; projectPath?: string } = {}) =>
    new GitlabProvider({ host: gitlab.host, baseUrl: gitlab.baseUrl, projectPath: overrides.projectPath ?? 'acme/gitops', token: overrides.token ?? TOKEN });
  const details = {
    branch: 'meshport/payments',
    baseBranch: 'main',
    title: 'Onboard payment-service',
    body: 'Rendered by Meshport',
    labels: ['mesh', 'payments'],
    reviewers: ['alice', 'nobody'],
  };
  const pushBranch = (branch: string) => {
    git(repository, 'branch', branch, 'main');
    pushCommit(repository, branch, { 'payments/kustomization.yaml': `# ${branch}\n` }, 'render');
  };

  beforeAll(async () => {
    gitlab = await new GitlabTestServer(TOKEN).start();
    repository = gitlab.createRepository('acme/gitops');
  });
  afterAll(() => gitlab.stop());
  beforeEach(() => gitlab.faults.clear());

  it('names its remote and credentials without the token in the URL, and reads the default branch', async () => {
    const acme = provider();
    expect(acme.remoteUrl).toBe(`${gitlab.baseUrl}/acme/gitops.git`);
    expect(acme.credentials).toEqual({ username: 'oauth2', password: TOKEN });
    await expect(acme.defaultBranch()).resolves.toBe('main');
  });

  it('opens a merge request that removes its branch, labels it, asks the reviewers GitLab knows, and updates it in place', async () => {
    pushBranch(details.branch);
    const acme = provider();
    expect(await acme.findOpen(details.branch, 'main')).toBeUndefined();
    const opened = await acme.upsert(details, undefined);
    expect(opened).toEqual({ url: `${gitlab.baseUrl}/acme/gitops/-/merge_requests/${opened.number}`, number: opened.number, warnings: [] });
    const [request] = gitlab.mergeRequests.get('acme/gitops')!;
    expect(request).toMatchObject({
      sourceBranch: details.branch,
      targetBranch: 'main',
      removeSourceBranch: true,
      labels: ['mesh', 'payments'],
      reviewerIds: [11],
    });
    const found = await acme.findOpen(details.branch, 'main');
    expect(found).toEqual({ url: opened.url, number: opened.number });
    await acme.upsert({ ...details, title: 'Onboard payment-service (v2)' }, found);
    expect(gitlab.mergeRequests.get('acme/gitops')).toEqual([expect.objectContaining({ title: 'Onboard payment-service (v2)', reviewerIds: [11] })]);
  });

  it("turns GitLab's answers into Backstage errors that name the host and the action, never the token", async () => {
    const refused = provider({ token: 'glpat_wrong' }).defaultBranch();
    await expect(refused).rejects.toThrow(AuthenticationError);
    await expect(refused).rejects.toThrow(/^GitLab \(.*\) answered 401 while reading acme\/gitops/);
    await expect(provider({ projectPath: 'acme/missing' }).defaultBranch()).rejects.toThrow(NotFoundError);
    pushBranch('meshport/twice');
    await provider().upsert({ ...details, branch: 'meshport/twice', labels: [], reviewers: [] }, undefined);
    const again = provider().upsert({ ...details, branch: 'meshport/twice', labels: [], reviewers: [] }, undefined);
    await expect(again).rejects.toThrow(ConflictError);
    await expect(again).rejects.toThrow(/answered 409 while opening a merge request from meshport\/twice: .*Another open merge request already exists/);
    gitlab.faults.add({ method: 'GET', path: /^\/projects\//, status: 500, body: { message: `echoing ${TOKEN}` } });
    const failed = await provider()
      .defaultBranch()
      .catch((error: Error) => error);
    expect(failed).toMatchObject({ name: 'ServiceUnavailableError' });
    expect((failed as Error).message).not.toContain(TOKEN);
  });
});
