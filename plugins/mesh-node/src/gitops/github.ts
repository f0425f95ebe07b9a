import { Octokit } from '@octokit/rest';
import { ChangeRequest, ChangeRequestDetails, extras, GitOpsProvider, RateLimitedError } from './changeRequests';
import { hostError } from './hostErrors';

/** Where a GitHub repository lives and the token to reach it. */
export interface GithubTarget {
  host: string;
  apiBaseUrl: string;
  owner: string;
  repo: string;
  token: string;
  /** Each request to the API; a host that stalls fails the step after this (mesh.gitops.limits.timeoutMs). */
  timeoutMs: number;
}

const NO_ANSWER = 'gave no answer within';

/** fetch with a deadline for each request: Octokit has none of its own. */
function fetchWithin(host: string, timeoutMs: number): typeof fetch {
  return async (url, init) => {
    try {
      return await fetch(url, { ...init, signal: AbortSignal.timeout(timeoutMs) });
    } catch (error) {
      if ((error as Error)?.name === 'TimeoutError') throw new Error(`GitHub (${host}) ${NO_ANSWER} ${timeoutMs} ms (mesh.gitops.limits.timeoutMs)`);
      throw error;
    }
  };
}

function failure(target: GithubTarget, action: string, error: any) {
  const headers = error?.response?.headers ?? {};
  if ((error?.status === 403 || error?.status === 429) && headers['x-ratelimit-remaining'] === '0') {
    const resetsAt = Number(headers['x-ratelimit-reset']) * 1000;
    return new RateLimitedError(
      `GitHub (${target.host}) rate limit for this token is used up until ${new Date(resetsAt).toISOString()} (while ${action})`,
      resetsAt,
    );
  }
  const data = error?.response?.data;
  const details = Array.isArray(data?.errors) ? data.errors.map((e: any) => e.message ?? [e.resource, e.field, e.code].filter(Boolean).join(' ')) : [];
  // Without an answer from GitHub (refused connection, timeout) the client's own message says what happened.
  let message: string | undefined = error?.status ? undefined : error?.message;
  // Octokit reports a failed fetch as a 500 of its own: the host did not answer.
  if (String(error?.message ?? '').includes(NO_ANSWER)) return hostError(`GitHub (${target.host})`, action, undefined, error.message, [target.token]);
  if (data?.message) message = [data.message, ...details].join('; ');
  return hostError(`GitHub (${target.host})`, action, error?.status, message, [target.token]);
}

/** Opens and updates pull requests through Octokit, the way Backstage's GitHub module does. */
export class GithubProvider implements GitOpsProvider {
  readonly kind = 'github';
  readonly remoteUrl: string;
  readonly credentials;
  private readonly octokit: Octokit;

  constructor(private readonly target: GithubTarget) {
    this.remoteUrl = `${new URL(target.apiBaseUrl).protocol}//${target.host}/${target.owner}/${target.repo}.git`;
    this.credentials = { username: 'x-access-token', password: target.token };
    this.octokit = new Octokit({
      auth: target.token,
      baseUrl: target.apiBaseUrl,
      request: { fetch: fetchWithin(target.host, target.timeoutMs) },
      log: { debug() {}, info() {}, warn() {}, error() {} },
    });
  }

  private async call<T>(action: string, run: () => Promise<T>): Promise<T> {
    try {
      return await run();
    } catch (error) {
      throw failure(this.target, action, error);
    }
  }

  async defaultBranch() {
    const { owner, repo } = this.target;
    const { data } = await this.call(`reading ${owner}/${repo}`, () => this.octokit.repos.get({ owner, repo }));
    return data.default_branch;
  }

  async findOpen(branch: string, baseBranch: string): Promise<ChangeRequest | undefined> {
    const { owner, repo } = this.target;
    const { data } = await this.call(`looking for an open pull request from ${branch}`, () =>
      this.octokit.pulls.list({ owner, repo, state: 'open', head: `${owner}:${branch}`, base: baseBranch, per_page: 10 }),
    );
    const open = data[0];
    return open ? { url: open.html_url, number: open.number } : undefined;
  }

  async findOpenIfChanged(branch: string, baseBranch: string, etag?: string) {
    const { owner, repo } = this.target;
    try {
      const response = await this.octokit.pulls.list({
        owner,
        repo,
        state: 'open',
        head: `${owner}:${branch}`,
        base: baseBranch,
        per_page: 10,
        headers: etag ? { 'if-none-match': etag } : {},
      });
      const open = response.data[0];
      return { open: open ? { url: open.html_url, number: open.number } : undefined, etag: response.headers.etag };
    } catch (error) {
      if ((error as { status?: number }).status === 304) return { notModified: true as const };
      throw failure(this.target, `looking for an open pull request from ${branch}`, error);
    }
  }

  async upsert(details: ChangeRequestDetails, existing: ChangeRequest | undefined) {
    const { owner, repo } = this.target;
    const { title, body, branch, baseBranch } = details;
    const pull = existing?.number
      ? (
          await this.call(`updating pull request #${existing.number}`, () =>
            this.octokit.pulls.update({ owner, repo, pull_number: existing.number!, title, body }),
          )
        ).data
      : (
          await this.call(`opening a pull request from ${branch}`, () =>
            this.octokit.pulls.create({ owner, repo, title, body, head: branch, base: baseBranch }),
          )
        ).data;
    const warnings = await extras([
      details.labels.length > 0 &&
        (() =>
          this.call('labelling the pull request', () => this.octokit.issues.addLabels({ owner, repo, issue_number: pull.number, labels: details.labels }))),
      details.reviewers.length > 0 &&
        !existing &&
        (() =>
          this.call('requesting reviewers', () =>
            this.octokit.pulls.requestReviewers({
              owner,
              repo,
              pull_number: pull.number,
              reviewers: details.reviewers.filter(reviewer => !reviewer.includes('/')),
              team_reviewers: details.reviewers.filter(reviewer => reviewer.includes('/')).map(team => team.split('/')[1]),
            }),
          )),
    ]);
    return { url: pull.html_url, number: pull.number, warnings };
  }
}
