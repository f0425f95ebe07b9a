import { IncomingMessage } from 'node:http';
import { ApiAnswer, ScmTestServer } from './scmTestServer';

/** A merge request as the test server keeps it. */
export interface TestMergeRequest {
  iid: number;
  title: string;
  description: string | null;
  sourceBranch: string;
  targetBranch: string;
  state: 'opened' | 'closed' | 'merged';
  labels: string[];
  reviewerIds: number[];
  removeSourceBranch: boolean;
}

const USERS = [
  { id: 11, username: 'alice', name: 'Alice' },
  { id: 12, username: 'bob', name: 'Bob' },
];

function error(status: number, message: unknown): ApiAnswer {
  return { status, body: { message } };
}

function pageHeaders(page: number, perPage: number, total: number): Record<string, string> {
  const totalPages = Math.max(1, Math.ceil(total / perPage));
  return {
    'x-page': String(page),
    'x-per-page': String(perPage),
    'x-total': String(total),
    'x-total-pages': String(totalPages),
    'x-next-page': page < totalPages ? String(page + 1) : '',
    'x-prev-page': page > 1 ? String(page - 1) : '',
  };
}

/**
 * GitLab's REST API v4 for what Meshport uses (projects, merge requests, users) over real git
 * repositories, with GitLab's status codes, error bodies and pagination headers.
 */
export class GitlabTestServer extends ScmTestServer {
  protected apiPrefix = '/api/v4';
  readonly mergeRequests = new Map<string, TestMergeRequest[]>();

  protected gitUser() {
    return 'oauth2';
  }

  protected authorized(headers: IncomingMessage['headers']) {
    return headers['private-token'] === this.token || headers.authorization === `Bearer ${this.token}`;
  }

  protected unauthorized() {
    return error(401, '401 Unauthorized');
  }

  private requestsOf(project: string) {
    if (!this.mergeRequests.has(project)) this.mergeRequests.set(project, []);
    return this.mergeRequests.get(project)!;
  }

  private json(project: string, request: TestMergeRequest) {
    return {
      id: 5000 + request.iid,
      iid: request.iid,
      project_id: 1,
      title: request.title,
      description: request.description,
      state: request.state,
      source_branch: request.sourceBranch,
      target_branch: request.targetBranch,
      web_url: `${this.baseUrl}/${project}/-/merge_requests/${request.iid}`,
      labels: request.labels,
      reviewers: USERS.filter(user => request.reviewerIds.includes(user.id)),
      force_remove_source_branch: request.removeSourceBranch,
    };
  }

  protected api(method: string, route: string, query: Record<string, string>, body: any): ApiAnswer | undefined {
    if (method === 'GET' && route === '/users') {
      const users = USERS.filter(user => !query.username || user.username === query.username);
      return { status: 200, body: users, headers: pageHeaders(1, Number(query.per_page ?? 20), users.length) };
    }
    const match = route.match(/^\/projects\/([^/]+)(\/.*)?$/);
    if (!match) return undefined;
    const project = decodeURIComponent(match[1]);
    const rest = match[2] ?? '';
    if (!this.hasRepository(project)) return error(404, '404 Project Not Found');
    const requests = this.requestsOf(project);

    if (method === 'GET' && rest === '') {
      return { status: 200, body: { id: 1, path_with_namespace: project, default_branch: 'main', web_url: `${this.baseUrl}/${project}` } };
    }
    if (method === 'GET' && rest === '/merge_requests') {
      const perPage = Math.min(Number(query.per_page ?? 20), 100);
      const page = Number(query.page ?? 1);
      const matching = requests.filter(
        r =>
          (!query.state || query.state === 'all' || r.state === query.state) &&
          (!query.source_branch || r.sourceBranch === query.source_branch) &&
          (!query.target_branch || r.targetBranch === query.target_branch),
      );
      return {
        status: 200,
        body: matching.slice((page - 1) * perPage, page * perPage).map(r => this.json(project, r)),
        headers: pageHeaders(page, perPage, matching.length),
      };
    }
    if (method === 'POST' && rest === '/merge_requests') {
      if (!body?.source_branch || !body?.target_branch || !body?.title) return error(400, 'source_branch, target_branch, title are missing');
      if (!this.branchHead(project, body.source_branch)) return error(422, ['Source branch does not exist']);
      const open = requests.find(r => r.state === 'opened' && r.sourceBranch === body.source_branch && r.targetBranch === body.target_branch);
      if (open) return error(409, [`Another open merge request already exists for this source branch: !${open.iid}`]);
      const request: TestMergeRequest = {
        iid: requests.length + 1,
        title: body.title,
        description: body.description ?? null,
        sourceBranch: body.source_branch,
        targetBranch: body.target_branch,
        state: 'opened',
        labels: typeof body.labels === 'string' ? body.labels.split(',').filter(Boolean) : [],
        reviewerIds: body.reviewer_ids ?? [],
        removeSourceBranch: Boolean(body.remove_source_branch),
      };
      requests.push(request);
      return { status: 201, body: this.json(project, request) };
    }
    const numbered = rest.match(/^\/merge_requests\/(\d+)$/);
    if (method === 'PUT' && numbered) {
      const request = requests.find(r => r.iid === Number(numbered[1]));
      if (!request) return error(404, '404 Not found');
      if (body?.title !== undefined) request.title = body.title;
      if (body?.description !== undefined) request.description = body.description;
      if (typeof body?.add_labels === 'string') request.labels = [...new Set([...request.labels, ...body.add_labels.split(',').filter(Boolean)])];
      if (Array.isArray(body?.reviewer_ids)) request.reviewerIds = body.reviewer_ids;
      return { status: 200, body: this.json(project, request) };
    }
    return undefined;
  }
}
