import { ConfigReader } from '@backstage/config';
import { createBareRepository, git, GithubTestServer, GitlabTestServer } from '@meshport/test-harness';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pendingChangesSourceFor } from './pendingChanges';

const TOKEN = 'pending-changes-token-0123456789';
const BRANCH = 'meshport/payments/payment-service';

/** A test on a GitHub test server holding acme/gitops, stopped afterwards whatever happens. */
function withGithub(test: (github: GithubTestServer) => Promise<void>) {
  return async () => {
    const github = await new GithubTestServer(TOKEN).start();
    try {
      github.createRepository('acme/gitops');
      await test(github);
    } finally {
      await github.stop();
    }
  };
}

/** The pending-changes source of acme/gitops on a GitHub test server, with these status settings. */
function githubSource(github: GithubTestServer, status: Record<string, number>) {
  return pendingChangesSourceFor(
    new ConfigReader({
      integrations: { github: [{ host: github.host, apiBaseUrl: github.apiBaseUrl, token: TOKEN }] },
      mesh: { gitops: { defaultRepoUrl: `${github.host}?owner=acme&repo=gitops` }, status },
    }),
  )!;
}

describe('pending changes of an entity, from the GitOps repository', () => {
  it(
    'finds the open pull request from the service branch on GitHub, through Octokit',
    withGithub(async github => {
      github.pulls.set('acme/gitops', [
        {
          number: 7,
          title: 'Mesh: payments/payment-service',
          body: null,
          head: BRANCH,
          base: 'main',
          state: 'open',
          labels: [],
          reviewers: [],
          teamReviewers: [],
        },
        { number: 8, title: 'Something else', body: null, head: 'feature/other', base: 'main', state: 'open', labels: [], reviewers: [], teamReviewers: [] },
      ]);
      const source = githubSource(github, { pendingChangesTtlMs: 0 });
      expect(await source.forService('payments', 'payment-service')).toEqual({
        items: [{ url: `${github.baseUrl}/acme/gitops/pull/7`, number: 7, branch: BRANCH }],
      });
      expect(await source.forService('orders', 'order-service')).toEqual({ items: [] });
      github.faults.add({ method: 'GET', path: /\/pulls/, status: 401, body: { message: 'Bad credentials' } });
      const denied = await source.forService('payments', 'payment-service');
      expect(denied.items).toEqual([]);
      expect(denied.error).toMatch(/^the GitOps repository could not be read: /);
      expect(JSON.stringify(denied)).not.toContain(TOKEN);
    }),
  );

  it(
    'asks GitHub once per service and TTL, and for the default branch once, however many requests arrive',
    withGithub(async github => {
      github.pulls.set('acme/gitops', [
        { number: 7, title: 'Mesh', body: null, head: BRANCH, base: 'main', state: 'open', labels: [], reviewers: [], teamReviewers: [] },
      ]);
      const source = githubSource(github, { pendingChangesTtlMs: 60_000 });
      const services = ['payment-service', 'order-service', 'user-service'];
      const answers = await Promise.all(Array.from({ length: 60 }, (_, i) => source.forService('payments', services[i % 3])));
      expect(answers.filter(a => a.items.length === 1)).toHaveLength(20);
      const asked = (pattern: RegExp) => github.seen.filter(r => pattern.test(r.path)).length;
      expect([asked(/\/pulls/), asked(/^\/api\/v3\/repos\/acme\/gitops$|^\/repos\/acme\/gitops$/)]).toEqual([3, 1]);
      // Within the TTL a failing host is not asked again, and the answers stand.
      github.faults.add({ method: 'GET', path: /\/pulls/, status: 403, body: { message: 'API rate limit exceeded' } });
      expect((await source.forService('payments', 'payment-service')).items).toHaveLength(1);
      expect(asked(/\/pulls/)).toBe(3);
    }),
  );

  it(
    'asks again conditionally: GitHub answers 304 while nothing changed, and the new pull request once one opens',
    withGithub(async github => {
      const source = githubSource(github, { pendingChangesTtlMs: 0 });
      expect(await source.forService('payments', 'payment-service')).toEqual({ items: [] });
      expect(await source.forService('payments', 'payment-service')).toEqual({ items: [] });
      expect(github.notModifiedAnswers).toBe(1);
      github.pulls.set('acme/gitops', [
        { number: 9, title: 'Mesh', body: null, head: BRANCH, base: 'main', state: 'open', labels: [], reviewers: [], teamReviewers: [] },
      ]);
      expect(await source.forService('payments', 'payment-service')).toEqual({
        items: [{ url: `${github.baseUrl}/acme/gitops/pull/9`, number: 9, branch: BRANCH }],
      });
      expect(github.notModifiedAnswers).toBe(1);
    }),
  );

  it(
    "stops asking GitHub once the token's rate limit is used up, until it resets, and says until when",
    withGithub(async github => {
      const source = githubSource(github, { pendingChangesTtlMs: 0 });
      github.rateLimitRemaining = 2;
      github.rateLimitReset = Math.floor(Date.now() / 1000) + 600;
      expect(await source.forService('payments', 'payment-service')).toEqual({ items: [] });
      const limited = await source.forService('orders', 'order-service');
      expect(limited.error).toContain(`rate limit for this token is used up until ${new Date(github.rateLimitReset * 1000).toISOString()}`);
      const asked = github.seen.length;
      expect((await source.forService('users', 'user-service')).error).toContain('rate limit');
      expect(github.seen.length).toBe(asked);
    }),
  );

  it(
    'gives up on a Git host that does not answer, within the request timeout',
    withGithub(async github => {
      github.faults.add({ method: 'GET', path: /\/pulls/, hang: true });
      const source = githubSource(github, { pendingChangesTtlMs: 0, requestTimeoutMs: 300 });
      const started = Date.now();
      const answer = await source.forService('payments', 'payment-service');
      expect(answer).toEqual({ items: [], error: 'the GitOps repository could not be read: the Git host gave no answer within 300 ms' });
      expect(Date.now() - started).toBeLessThan(5000);
    }),
  );

  it('finds the open merge request on GitLab, through Gitbeaker', async () => {
    const gitlab = await new GitlabTestServer(TOKEN).start();
    try {
      gitlab.createRepository('acme/gitops');
      gitlab.mergeRequests.set('acme/gitops', [
        {
          iid: 3,
          title: 'Mesh: payments/payment-service',
          description: '',
          sourceBranch: BRANCH,
          targetBranch: 'main',
          state: 'opened',
          labels: [],
          reviewerIds: [],
          removeSourceBranch: true,
        },
      ]);
      const source = pendingChangesSourceFor(
        new ConfigReader({
          integrations: { gitlab: [{ host: gitlab.host, baseUrl: gitlab.baseUrl, apiBaseUrl: `${gitlab.baseUrl}/api/v4`, token: TOKEN }] },
          mesh: { gitops: { defaultRepoUrl: `${gitlab.host}?owner=acme&repo=gitops` } },
        }),
      )!;
      const found = await source.forService('payments', 'payment-service');
      expect(found.items).toEqual([{ url: `${gitlab.baseUrl}/acme/gitops/-/merge_requests/3`, number: 3, branch: BRANCH }]);
    } finally {
      await gitlab.stop();
    }
  });

  it('reports the Meshport branch of a plain git repository while it exists', async () => {
    const parent = fs.mkdtempSync(path.join(os.tmpdir(), 'meshport-pending-'));
    const repository = createBareRepository(parent);
    const source = pendingChangesSourceFor(
      new ConfigReader({ mesh: { gitops: { defaultRepoUrl: `file://${repository}`, allowLocalRepositories: true }, status: { pendingChangesTtlMs: 0 } } }),
    )!;
    expect(await source.forService('payments', 'payment-service')).toEqual({ items: [] });
    git(repository, 'branch', BRANCH, 'main');
    expect(await source.forService('payments', 'payment-service')).toEqual({ items: [{ url: `file://${repository}#${BRANCH}`, branch: BRANCH }] });
    fs.rmSync(parent, { recursive: true, force: true });
  });

  it('reuses a plain git answer for 5 s by default, so that a change just opened shows on the Mesh tab its link opens', async () => {
    const parent = fs.mkdtempSync(path.join(os.tmpdir(), 'meshport-pending-'));
    const repository = createBareRepository(parent);
    const source = pendingChangesSourceFor(new ConfigReader({ mesh: { gitops: { defaultRepoUrl: `file://${repository}`, allowLocalRepositories: true } } }))!;
    expect(await source.forService('payments', 'payment-service')).toEqual({ items: [] });
    git(repository, 'branch', BRANCH, 'main');
    expect(await source.forService('payments', 'payment-service')).toEqual({ items: [] });
    await new Promise(resolve => setTimeout(resolve, 5_100));
    expect((await source.forService('payments', 'payment-service')).items.map(item => item.branch)).toEqual([BRANCH]);
    fs.rmSync(parent, { recursive: true, force: true });
  }, 15_000);

  it('reads no local repository the configuration does not allow, and says why', async () => {
    const source = pendingChangesSourceFor(new ConfigReader({ mesh: { gitops: { defaultRepoUrl: 'file:///etc/gitops.git' } } }))!;
    expect(await source.forService('payments', 'payment-service')).toEqual({
      items: [],
      error: expect.stringContaining('local repositories are off (mesh.gitops.allowLocalRepositories)'),
    });
  });
});
