import { AuthenticationError, ConflictError, NotFoundError } from '@backstage/errors';
import { GitlabTestServer } from '@meshport/test-harness';
import { expectChangeRequestLifecycle, expectRemote, paymentServiceChange, pushChangeBranch } from './__testUtils__/changeRequests';
import { GitlabProvider } from './gitlab';

const TOKEN = 'glpat_provider_test_token';

describe('GitlabProvider, through Gitbeaker against the GitLab test server', () => {
  let gitlab: GitlabTestServer;
  let repository: string;
  const provider = (overrides: { token?: string; projectPath?: string } = {}) =>
    new GitlabProvider({
      host: gitlab.host,
      baseUrl: gitlab.baseUrl,
      projectPath: overrides.projectPath ?? 'acme/gitops',
      token: overrides.token ?? TOKEN,
      timeoutMs: 10_000,
    });
  const details = paymentServiceChange({ labels: ['mesh', 'payments'], reviewers: ['alice', 'nobody'] });
  const pushBranch = (branch: string) => pushChangeBranch(repository, branch);

  beforeAll(async () => {
    gitlab = await new GitlabTestServer(TOKEN).start();
    repository = gitlab.createRepository('acme/gitops');
  });
  afterAll(() => gitlab.stop());
  beforeEach(() => gitlab.faults.clear());

  it('names its remote and credentials without the token in the URL, and reads the default branch', async () => {
    await expectRemote(provider(), `${gitlab.baseUrl}/acme/gitops.git`, { username: 'oauth2', password: TOKEN });
  });

  it('opens a merge request that removes its branch, labels it, asks the reviewers GitLab knows, and updates it in place', async () => {
    pushBranch(details.branch);
    const requests = () => gitlab.mergeRequests.get('acme/gitops');
    await expectChangeRequestLifecycle(provider(), details, {
      url: number => `${gitlab.baseUrl}/acme/gitops/-/merge_requests/${number}`,
      opened: () =>
        expect(requests()).toEqual([
          expect.objectContaining({
            sourceBranch: details.branch,
            targetBranch: 'main',
            removeSourceBranch: true,
            labels: ['mesh', 'payments'],
            reviewerIds: [11],
          }),
        ]),
      // Reviewers are asked once, when the request is opened.
      retitled: title => expect(requests()).toEqual([expect.objectContaining({ title, reviewerIds: [11] })]),
    });
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
