import { createHash } from 'node:crypto';
import { IncomingMessage } from 'node:http';
import { ApiAnswer, ScmTestServer } from './scmTestServer';

/** A pull request as the test server keeps it. */
export interface TestPullRequest {
  number: number;
  title: string;
  body: string | null;
  head: string;
  base: string;
  state: 'open' | 'closed';
  labels: string[];
  reviewers: string[];
  teamReviewers: string[];
}

const DOCS = 'https://docs.github.com/rest';

function error(status: number, message: string, errors?: unknown[]): ApiAnswer {
  return { status, body: { message, documentation_url: DOCS, status: String(status), ...(errors ? { errors } : {}) } };
}

/**
 * GitHub's REST API for what Meshport uses (repositories, pull requests, labels, reviewers) over real
 * git repositories, answering with GitHub's status codes and error bodies. Requests it accepts are
 * recorded so that a test can check them against GitHub's OpenAPI description.
 */
export class GithubTestServer extends ScmTestServer {
  protected apiPrefix = '/api/v3';
  readonly pulls = new Map<string, TestPullRequest[]>();
  /**
   * The token's rate limit as GitHub keeps it: every answered request but a 304 counts; at 0 the API
   * answers 403 "API rate limit exceeded" until `rateLimitReset` (unix seconds). Unlimited by default.
   */
  rateLimitRemaining = Infinity;
  rateLimitReset = Math.floor(Date.now() / 1000) + 3600;
  /** How many conditional requests were answered 304 Not Modified. */
  notModifiedAnswers = 0;

  get apiBaseUrl() {
    return `${this.baseUrl}/api/v3`;
  }

  protected gitUser() {
    return 'x-access-token';
  }

  protected authorized(headers: IncomingMessage['headers']) {
    return headers.authorization === `token ${this.token}` || headers.authorization === `Bearer ${this.token}`;
  }

  protected unauthorized() {
    return error(401, 'Bad credentials');
  }

  private pullsOf(repo: string) {
    if (!this.pulls.has(repo)) this.pulls.set(repo, []);
    return this.pulls.get(repo)!;
  }

  private pullJson(owner: string, repo: string, pull: TestPullRequest) {
    const fullName = `${owner}/${repo}`;
    return {
      id: 1000 + pull.number,
      number: pull.number,
      state: pull.state,
      title: pull.title,
      body: pull.body,
      html_url: `${this.baseUrl}/${fullName}/pull/${pull.number}`,
      url: `${this.apiBaseUrl}/repos/${fullName}/pulls/${pull.number}`,
      head: { ref: pull.head, label: `${owner}:${pull.head}`, sha: this.branchHead(fullName, pull.head) ?? null },
      base: { ref: pull.base, label: `${owner}:${pull.base}`, sha: this.branchHead(fullName, pull.base) ?? null },
      labels: pull.labels.map((name, index) => ({ id: index + 1, name })),
      requested_reviewers: pull.reviewers.map((login, index) => ({ id: index + 1, login })),
      requested_teams: pull.teamReviewers.map((slug, index) => ({ id: index + 1, slug })),
    };
  }

  /**
   * GitHub's conditional requests and rate limit around every API answer: a GET answer carries an ETag,
   * and `If-None-Match` with that ETag is answered 304 without a body (and not counted against the limit);
   * every answer carries the X-RateLimit headers, and an exhausted limit answers 403.
   */
  protected api(method: string, route: string, query: Record<string, string>, body: any, headers: IncomingMessage['headers']): ApiAnswer | undefined {
    const limits = () => ({
      'x-ratelimit-limit': '5000',
      'x-ratelimit-remaining': String(Number.isFinite(this.rateLimitRemaining) ? this.rateLimitRemaining : 4999),
      'x-ratelimit-reset': String(this.rateLimitReset),
    });
    if (this.rateLimitRemaining <= 0) {
      return {
        status: 403,
        body: { message: 'API rate limit exceeded for user ID 1.', documentation_url: 'https://docs.github.com/rest/overview/rate-limits-for-the-rest-api' },
        headers: limits(),
      };
    }
    const answer = this.repositoryApi(method, route, query, body);
    if (!answer) return undefined;
    if (method === 'GET' && answer.status === 200) {
      const etag = `"${createHash('sha1').update(JSON.stringify(answer.body)).digest('hex')}"`;
      if (headers['if-none-match'] === etag) {
        this.notModifiedAnswers += 1;
        return { status: 304, body: undefined, headers: { etag, ...limits() } };
      }
      answer.headers = { ...answer.headers, etag };
    }
    this.rateLimitRemaining -= 1;
    return { ...answer, headers: { ...answer.headers, ...limits() } };
  }

  private repositoryApi(method: string, route: string, query: Record<string, string>, body: any): ApiAnswer | undefined {
    const match = route.match(/^\/repos\/([^/]+)\/([^/]+)(\/.*)?$/);
    if (!match) return undefined;
    const [, owner, repo, rest = ''] = match;
    const fullName = `${owner}/${repo}`;
    if (!this.hasRepository(fullName)) return error(404, 'Not Found');
    const pulls = this.pullsOf(fullName);

    if (method === 'GET' && rest === '') {
      return { status: 200, body: { id: 1, name: repo, full_name: fullName, default_branch: 'main', private: true, html_url: `${this.baseUrl}/${fullName}` } };
    }
    if (method === 'GET' && rest === '/pulls') {
      const state = query.state ?? 'open';
      const perPage = Math.min(Number(query.per_page ?? 30), 100);
      const page = Number(query.page ?? 1);
      const matching = pulls.filter(
        p => (state === 'all' || p.state === state) && (!query.head || `${owner}:${p.head}` === query.head) && (!query.base || p.base === query.base),
      );
      const items = matching.slice((page - 1) * perPage, page * perPage);
      const headers: Record<string, string> = {};
      if (page * perPage < matching.length) headers.link = `<${this.apiBaseUrl}/repos/${fullName}/pulls?page=${page + 1}&per_page=${perPage}>; rel="next"`;
      return { status: 200, body: items.map(p => this.pullJson(owner, repo, p)), headers };
    }
    if (method === 'POST' && rest === '/pulls') {
      if (typeof body?.title !== 'string' || typeof body?.head !== 'string' || typeof body?.base !== 'string') {
        return error(422, 'Invalid request.\n\n"title", "head" and "base" are required.');
      }
      const head = body.head.includes(':') ? body.head.split(':')[1] : body.head;
      if (!this.branchHead(fullName, head)) return error(422, 'Validation Failed', [{ resource: 'PullRequest', field: 'head', code: 'invalid' }]);
      if (!this.branchHead(fullName, body.base)) return error(422, 'Validation Failed', [{ resource: 'PullRequest', field: 'base', code: 'invalid' }]);
      if (pulls.some(p => p.state === 'open' && p.head === head && p.base === body.base)) {
        return error(422, 'Validation Failed', [{ resource: 'PullRequest', code: 'custom', message: `A pull request already exists for ${owner}:${head}.` }]);
      }
      const pull: TestPullRequest = {
        number: pulls.length + 1,
        title: body.title,
        body: body.body ?? null,
        head,
        base: body.base,
        state: 'open',
        labels: [],
        reviewers: [],
        teamReviewers: [],
      };
      pulls.push(pull);
      return { status: 201, body: this.pullJson(owner, repo, pull) };
    }
    const numbered = rest.match(/^\/(pulls|issues)\/(\d+)(\/labels|\/requested_reviewers)?$/);
    const pull = numbered ? pulls.find(p => p.number === Number(numbered[2])) : undefined;
    if (numbered && !pull) return error(404, 'Not Found');
    if (method === 'PATCH' && numbered?.[1] === 'pulls' && !numbered[3]) {
      if (body?.title !== undefined) pull!.title = body.title;
      if (body?.body !== undefined) pull!.body = body.body;
      if (body?.state !== undefined) pull!.state = body.state;
      return { status: 200, body: this.pullJson(owner, repo, pull!) };
    }
    if (method === 'POST' && numbered?.[1] === 'issues' && numbered[3] === '/labels') {
      const labels: string[] = Array.isArray(body) ? body : body?.labels ?? [];
      pull!.labels = [...new Set([...pull!.labels, ...labels])];
      return { status: 200, body: pull!.labels.map((name, index) => ({ id: index + 1, name })) };
    }
    if (method === 'POST' && numbered?.[1] === 'pulls' && numbered[3] === '/requested_reviewers') {
      pull!.reviewers.push(...(body?.reviewers ?? []));
      pull!.teamReviewers.push(...(body?.team_reviewers ?? []));
      return { status: 201, body: this.pullJson(owner, repo, pull!) };
    }
    return undefined;
  }
}
