import { AuthenticationError, InputError, NotFoundError, ServiceUnavailableError } from '@backstage/errors';
import { GithubTestServer } from '@meshport/test-harness';
import { expectChangeRequestLifecycle, expectRemote, paymentServiceChange, pushChangeBranch } from './__testUtils__/changeRequests';
import { RateLimitedError } from './changeRequests';
import { GithubProvider } from './github';

const TOKEN = 'ghp_provider_test_token';

describe('GithubProvider, through Octokit against the GitHub test server', () => {
  let github: GithubTestServer;
  let repository: string;
  const provider = (overrides: { token?: string; repo?: string; timeoutMs?: number } = {}) =>
    new GithubProvider({
      host: github.host,
      apiBaseUrl: github.apiBaseUrl,
      owner: 'acme',
      repo: overrides.repo ?? 'gitops',
      token: overrides.token ?? TOKEN,
      timeoutMs: overrides.timeoutMs ?? 10_000,
    });
  const details = paymentServiceChange({ labels: ['mesh'], reviewers: ['alice', 'acme/platform'] });
  const pushBranch = (branch: string) => pushChangeBranch(repository, branch);

  beforeAll(async () => {
    github = await new GithubTestServer(TOKEN).start();
    repository = github.createRepository('acme/gitops');
  });
  afterAll(() => github.stop());
  beforeEach(() => {
    github.faults.clear();
    github.pulls.clear();
    github.rateLimitRemaining = Infinity;
  });

  it('names its remote and credentials without the token in the URL, and reads the default branch', async () => {
    await expectRemote(provider(), `http://${github.host}/acme/gitops.git`, { username: 'x-access-token', password: TOKEN });
  });

  it('opens a pull request with labels and reviewers (users and teams apart), finds it, and updates it in place', async () => {
    pushBranch(details.branch);
    const pulls = () => github.pulls.get('acme/gitops');
    await expectChangeRequestLifecycle(provider(), details, {
      url: number => `${github.baseUrl}/acme/gitops/pull/${number}`,
      opened: () =>
        expect(pulls()).toEqual([
          expect.objectContaining({ head: details.branch, base: 'main', labels: ['mesh'], reviewers: ['alice'], teamReviewers: ['platform'] }),
        ]),
      retitled: title => expect(pulls()).toEqual([expect.objectContaining({ title, state: 'open' })]),
    });
  });

  it('keeps the pull request open and warns when GitHub refuses its labels', async () => {
    pushBranch('meshport/labels');
    github.faults.add({ method: 'POST', path: /\/issues\/\d+\/labels$/, status: 403, body: { message: 'Resource not accessible by integration' } });
    const opened = await provider().upsert({ ...details, branch: 'meshport/labels', reviewers: [] }, undefined);
    expect(opened.warnings).toEqual([
      expect.stringMatching(/^GitHub \(.*\) answered 403 while labelling the pull request: Resource not accessible by integration/),
    ]);
    expect(github.pulls.get('acme/gitops')).toEqual([expect.objectContaining({ head: 'meshport/labels', state: 'open' })]);
  });

  it("turns GitHub's answers into Backstage errors that name the host and the action, never the token", async () => {
    const refused = provider({ token: 'ghp_wrong_token' }).defaultBranch();
    await expect(refused).rejects.toThrow(AuthenticationError);
    await expect(refused).rejects.toThrow(/answered 401 while reading acme\/gitops: Bad credentials/);
    await expect(provider({ repo: 'missing' }).defaultBranch()).rejects.toThrow(NotFoundError);
    const invalid = provider().upsert({ ...details, branch: 'no-such-branch' }, undefined);
    await expect(invalid).rejects.toThrow(InputError);
    await expect(invalid).rejects.toThrow(/answered 422 while opening a pull request from no-such-branch: Validation Failed; PullRequest head invalid/);
    github.faults.add({ method: 'GET', path: /^\/repos\/acme\/gitops$/, status: 500, body: { message: `echoing ${TOKEN}` } });
    const failed = await provider()
      .defaultBranch()
      .catch((error: Error) => error);
    expect(failed).toMatchObject({ name: 'ServiceUnavailableError', message: expect.stringContaining('echoing ***') });
    expect((failed as Error).message).not.toContain(TOKEN);
  });

  it('says until when the rate limit is used up', async () => {
    github.rateLimitRemaining = 0;
    const limited = await provider()
      .defaultBranch()
      .catch((error: Error) => error);
    expect(limited).toBeInstanceOf(RateLimitedError);
    expect((limited as RateLimitedError).resetsAt).toBe(github.rateLimitReset * 1000);
    expect((limited as Error).message).toContain(new Date(github.rateLimitReset * 1000).toISOString());
  });

  it('asks again with the ETag and is told nothing changed, at no cost to the rate limit', async () => {
    const acme = provider();
    const first = await acme.findOpenIfChanged(details.branch, 'main');
    expect(first).toEqual({ open: undefined, etag: expect.any(String) });
    const answers = github.notModifiedAnswers;
    await expect(acme.findOpenIfChanged(details.branch, 'main', (first as { etag: string }).etag)).resolves.toEqual({ notModified: true });
    expect(github.notModifiedAnswers).toBe(answers + 1);
  });

  it('gives up on a host that never answers after the configured timeout, naming it', async () => {
    github.faults.add({ method: 'GET', path: /^\/repos\/acme\/gitops$/, hang: true });
    const error = await provider({ timeoutMs: 300 })
      .defaultBranch()
      .catch(e => e);
    expect(error).toBeInstanceOf(ServiceUnavailableError);
    expect(error.message).toMatch(/GitHub \(.*\) gave no answer within 300 ms \(mesh\.gitops\.limits\.timeoutMs\)/);
    expect(error.message).not.toContain(TOKEN);
  });
});
