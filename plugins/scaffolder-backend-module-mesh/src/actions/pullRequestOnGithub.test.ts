import { GithubOpenApi, GithubTestServer, pushForeignCommit } from '@meshport/test-harness';
import { MeshActionRunner, paymentServiceSteps } from '../__testUtils__/actionRunner';

jest.setTimeout(60_000);

const TOKEN = 'ghp_testtoken0123456789abcdef';
const BRANCH = 'meshport/payments/payment-service';

describe('the GitHub provider, through Octokit against a GitHub test server', () => {
  let github: GithubTestServer;
  let runner: MeshActionRunner;
  let repoUrl: string;
  let repoNumber = 0;
  let fullName: string;

  beforeAll(async () => {
    github = await new GithubTestServer(TOKEN).start();
    runner = new MeshActionRunner({
      integrations: { github: [{ host: github.host, apiBaseUrl: github.apiBaseUrl, token: TOKEN }] },
    });
  });

  afterAll(() => github.stop());

  beforeEach(() => {
    repoNumber += 1;
    fullName = `acme/gitops-${repoNumber}`;
    github.createRepository(fullName);
    repoUrl = `${github.host}?owner=acme&repo=gitops-${repoNumber}`;
    github.faults.clear();
  });

  const failure = (promise: Promise<unknown>) =>
    promise.then(
      () => {
        throw new Error('expected the task to fail');
      },
      (error: any) => ({ name: error.name, message: String(error.message), log: (error.actionLog ?? []).join('\n') }),
    );

  it("opens a pull request with labels and reviewers; every request it made is in GitHub's OpenAPI description", async () => {
    const run = await runner.run(paymentServiceSteps(repoUrl, {}, { labels: ['mesh'], reviewers: ['alice', 'acme/platform'] }));
    expect(run.outputs).toMatchObject({
      url: `${github.baseUrl}/${fullName}/pull/1`,
      reviewUrl: `${github.baseUrl}/${fullName}/pull/1`,
      number: 1,
      branch: BRANCH,
      changed: true,
    });
    const [pull] = github.pulls.get(fullName)!;
    expect(pull).toMatchObject({ head: BRANCH, base: 'main', labels: ['mesh'], reviewers: ['alice'], teamReviewers: ['platform'] });
    expect(github.branchHead(fullName, BRANCH)).toBe(run.outputs.commit);

    const openApi = new GithubOpenApi();
    const checks = github.accepted.map(request => openApi.check(request));
    expect(checks.length).toBeGreaterThanOrEqual(5);
    expect(checks.filter(check => check.problems.length > 0)).toEqual([]);
  });

  it('has an OpenAPI check that refuses what GitHub would refuse', () => {
    const openApi = new GithubOpenApi();
    expect(openApi.check({ method: 'POST', path: '/repos/acme/gitops/pulls', query: { draft_only: 'yes' }, body: { title: 7, head: 'x' } }).problems).toEqual(
      expect.arrayContaining(['query parameter "draft_only" is not declared', expect.stringContaining('body/title')]),
    );
    expect(openApi.check({ method: 'PUT', path: '/repos/acme/gitops/pulls', query: {}, body: undefined }).problems).toEqual([
      "no such operation in GitHub's API",
    ]);
  });

  it('updates the same pull request when the template runs again', async () => {
    await runner.run(paymentServiceSteps(repoUrl, {}));
    const first = github.branchHead(fullName, BRANCH);
    const again = await runner.run(paymentServiceSteps(repoUrl, { mtls: { mode: 'PERMISSIVE' } }, { title: 'Mesh configuration, permissive' }));
    expect(again.outputs).toMatchObject({ number: 1, changed: true });
    expect(github.pulls.get(fullName)).toHaveLength(1);
    expect(github.pulls.get(fullName)![0].title).toBe('Mesh configuration, permissive');
    expect(github.branchHead(fullName, BRANCH)).not.toBe(first);
  });

  it('refuses to build over a branch someone else moved, and leaves it as it was', async () => {
    await runner.run(paymentServiceSteps(repoUrl, {}));
    const theirs = pushForeignCommit(github.repositoryPath(fullName), BRANCH, 'mesh/payments/payment-service/NOTES.md', 'mine\n');
    const error = await failure(runner.run(paymentServiceSteps(repoUrl, { mtls: { mode: 'PERMISSIVE' } })));
    expect(error).toMatchObject({ name: 'ConflictError', message: expect.stringContaining('has commits Meshport did not make') });
    expect(github.branchHead(fullName, BRANCH)).toBe(theirs);
  });

  it('reports a wrong token as an authentication failure, without the token', async () => {
    const wrong = new MeshActionRunner({ integrations: { github: [{ host: github.host, apiBaseUrl: github.apiBaseUrl, token: 'ghp_wrongtoken0123456789' }] } });
    const error = await failure(wrong.run(paymentServiceSteps(repoUrl, {})));
    expect(error.name).toBe('AuthenticationError');
    expect(error.message).toContain('answered 401');
    expect(`${error.message}${error.log}`).not.toContain('ghp_wrongtoken0123456789');
    expect(github.branchHead(fullName, BRANCH)).toBeUndefined();
  });

  it.each([
    [401, 'GET', /\/pulls$/, 'AuthenticationError', { message: 'Bad credentials' }],
    [403, 'POST', /\/pulls$/, 'NotAllowedError', { message: 'Resource not accessible by personal access token' }],
    [404, 'POST', /\/pulls$/, 'NotFoundError', { message: 'Not Found' }],
    [
      422,
      'POST',
      /\/pulls$/,
      'InputError',
      { message: 'Validation Failed', errors: [{ resource: 'PullRequest', code: 'custom', message: 'No commits between main and x' }] },
    ],
    [500, 'POST', /\/pulls$/, 'ServiceUnavailableError', { message: 'Server Error' }],
    [503, 'GET', /\/pulls$/, 'ServiceUnavailableError', { message: 'Service Unavailable' }],
  ])('answers %i on %s %s with a clear task error and no branch left behind', async (status, method, path, name, body) => {
    github.faults.add({ method, path, status, body });
    const error = await failure(runner.run(paymentServiceSteps(repoUrl, {})));
    expect(error.name).toBe(name);
    expect(error.message).toContain(`answered ${status}`);
    expect(error.message).toContain((body as any).message);
    expect(error.message).toContain((body as any).errors?.[0]?.message ?? '');
    expect(`${error.message}${error.log}`).not.toContain(TOKEN);
    expect(github.branchHead(fullName, BRANCH)).toBeUndefined();
    expect(github.pulls.get(fullName) ?? []).toEqual([]);
  });

  it('on a re-run that fails, puts the branch back where it was', async () => {
    const first = await runner.run(paymentServiceSteps(repoUrl, {}));
    github.faults.add({ method: 'PATCH', path: /\/pulls\/1$/, status: 500, body: { message: 'Server Error' } });
    await failure(runner.run(paymentServiceSteps(repoUrl, { mtls: { mode: 'PERMISSIVE' } })));
    expect(github.branchHead(fullName, BRANCH)).toBe(first.outputs.commit);
  });

  it('dry run asks GitHub but pushes nothing', async () => {
    const run = await runner.run(paymentServiceSteps(repoUrl, {}), { dryRun: true });
    expect(run.outputs.changed).toBe(true);
    expect(github.branchHead(fullName, BRANCH)).toBeUndefined();
    expect(github.pulls.get(fullName) ?? []).toEqual([]);
  });
});
