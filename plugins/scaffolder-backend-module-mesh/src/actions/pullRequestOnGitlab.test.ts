import { GitlabTestServer, pushForeignCommit } from '@meshport/test-harness';
import { MeshActionRunner, paymentServiceSteps } from '../__testUtils__/actionRunner';

jest.setTimeout(60_000);

const TOKEN = 'glpat-testtoken0123456789';
const BRANCH = 'meshport/payments/payment-service';

describe('the GitLab provider, through Gitbeaker against a GitLab test server', () => {
  let gitlab: GitlabTestServer;
  let runner: MeshActionRunner;
  let repoUrl: string;
  let project: string;
  let projectNumber = 0;

  const integration = (token: string) => ({
    integrations: { gitlab: [{ host: gitlab.host, baseUrl: gitlab.baseUrl, apiBaseUrl: `${gitlab.baseUrl}/api/v4`, token }] },
  });

  beforeAll(async () => {
    gitlab = await new GitlabTestServer(TOKEN).start();
    runner = new MeshActionRunner(integration(TOKEN));
  });

  afterAll(() => gitlab.stop());

  beforeEach(() => {
    projectNumber += 1;
    project = `platform/gitops-${projectNumber}`;
    gitlab.createRepository(project);
    repoUrl = `${gitlab.host}?owner=platform&repo=gitops-${projectNumber}`;
    gitlab.faults.clear();
  });

  const failure = (promise: Promise<unknown>) =>
    promise.then(
      () => {
        throw new Error('expected the task to fail');
      },
      (error: any) => ({ name: error.name, message: String(error.message), log: (error.actionLog ?? []).join('\n') }),
    );

  it('opens a merge request with labels and reviewers', async () => {
    const run = await runner.run(paymentServiceSteps(repoUrl, {}, { labels: ['mesh', 'istio'], reviewers: ['alice'] }));
    expect(run.outputs).toMatchObject({ url: `${gitlab.baseUrl}/${project}/-/merge_requests/1`, number: 1, branch: BRANCH, changed: true });
    expect(gitlab.mergeRequests.get(project)![0]).toMatchObject({
      sourceBranch: BRANCH,
      targetBranch: 'main',
      labels: ['mesh', 'istio'],
      reviewerIds: [11],
      removeSourceBranch: true,
    });
    expect(gitlab.branchHead(project, BRANCH)).toBe(run.outputs.commit);
  });

  it('updates the same merge request when the template runs again', async () => {
    await runner.run(paymentServiceSteps(repoUrl, {}));
    const again = await runner.run(paymentServiceSteps(repoUrl, { mtls: { mode: 'PERMISSIVE' } }, { description: 'Second form' }));
    expect(again.outputs).toMatchObject({ number: 1, changed: true });
    expect(gitlab.mergeRequests.get(project)).toHaveLength(1);
    expect(gitlab.mergeRequests.get(project)![0].description).toBe('Second form\n\n---\nRequested by: `user:default/alice`\n');
  });

  it('refuses to build over a branch someone else moved', async () => {
    await runner.run(paymentServiceSteps(repoUrl, {}));
    const theirs = pushForeignCommit(gitlab.repositoryPath(project), BRANCH, 'mesh/payments/payment-service/NOTES.md', 'mine\n');
    const error = await failure(runner.run(paymentServiceSteps(repoUrl, { mtls: { mode: 'PERMISSIVE' } })));
    expect(error).toMatchObject({ name: 'ConflictError', message: expect.stringContaining('has commits Meshport did not make') });
    expect(gitlab.branchHead(project, BRANCH)).toBe(theirs);
  });

  it('reports a wrong token as an authentication failure, without the token', async () => {
    const error = await failure(new MeshActionRunner(integration('glpat-wrongtoken987654321')).run(paymentServiceSteps(repoUrl, {})));
    expect(error.name).toBe('AuthenticationError');
    expect(`${error.message}${error.log}`).not.toContain('glpat-wrongtoken987654321');
    expect(gitlab.branchHead(project, BRANCH)).toBeUndefined();
  });

  it.each([
    [401, 'GET', /\/merge_requests$/, 'AuthenticationError', '401 Unauthorized'],
    [403, 'POST', /\/merge_requests$/, 'NotAllowedError', '403 Forbidden'],
    [404, 'GET', /^\/projects\/[^/]+$/, 'NotFoundError', '404 Project Not Found'],
    [409, 'POST', /\/merge_requests$/, 'ConflictError', 'Another open merge request already exists'],
    [422, 'POST', /\/merge_requests$/, 'InputError', 'Source branch does not exist'],
    [500, 'POST', /\/merge_requests$/, 'ServiceUnavailableError', '500 Internal Server Error'],
  ])('answers %i on %s %s with a clear task error and nothing left behind', async (status, method, path, name, message) => {
    gitlab.faults.add({ method, path, status, body: { message: status === 409 || status === 422 ? [message] : message } });
    const error = await failure(runner.run(paymentServiceSteps(repoUrl, {})));
    expect(error.name).toBe(name);
    expect(error.message).toContain(`answered ${status}`);
    expect(error.message).toContain(message);
    expect(`${error.message}${error.log}`).not.toContain(TOKEN);
    expect(gitlab.branchHead(project, BRANCH)).toBeUndefined();
    expect(gitlab.mergeRequests.get(project) ?? []).toEqual([]);
  });
});
