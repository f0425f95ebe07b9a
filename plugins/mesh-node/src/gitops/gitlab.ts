import { Gitlab } from '@gitbeaker/rest';
import { ChangeRequest, ChangeRequestDetails, extras, GitOpsProvider } from './changeRequests';
import { hostError } from './hostErrors';

/** Where a GitLab project lives and the token to reach it. */
export interface GitlabTarget {
  host: string;
  baseUrl: string;
  /** "group/subgroup/project". */
  projectPath: string;
  token: string;
  /** Each request to the API (mesh.gitops.limits.timeoutMs). */
  timeoutMs: number;
}

function failure(target: GitlabTarget, action: string, error: any) {
  const status = error?.cause?.response?.status;
  const message = error?.cause?.description ?? (status ? undefined : error?.message);
  return hostError(`GitLab (${target.host})`, action, status, message, [target.token]);
}

/** Opens and updates merge requests through Gitbeaker. */
export class GitlabProvider implements GitOpsProvider {
  readonly kind = 'gitlab';
  readonly remoteUrl: string;
  readonly credentials;
  private readonly api: InstanceType<typeof Gitlab>;

  constructor(private readonly target: GitlabTarget) {
    this.remoteUrl = `${target.baseUrl.replace(/\/$/, '')}/${target.projectPath}.git`;
    this.credentials = { username: 'oauth2', password: target.token };
    this.api = new Gitlab({ host: target.baseUrl, token: target.token, queryTimeout: target.timeoutMs });
  }

  private async call<T>(action: string, run: () => Promise<T>): Promise<T> {
    try {
      return await run();
    } catch (error) {
      throw failure(this.target, action, error);
    }
  }

  async defaultBranch() {
    const project = await this.call(`reading ${this.target.projectPath}`, () => this.api.Projects.show(this.target.projectPath));
    return (project.default_branch as string | undefined) ?? undefined;
  }

  async findOpen(branch: string, baseBranch: string): Promise<ChangeRequest | undefined> {
    const open = await this.call(`looking for an open merge request from ${branch}`, () =>
      this.api.MergeRequests.all({
        projectId: this.target.projectPath,
        sourceBranch: branch,
        targetBranch: baseBranch,
        state: 'opened',
        perPage: 10,
        maxPages: 1,
      }),
    );
    const found = open[0];
    return found ? { url: found.web_url as string, number: found.iid as number } : undefined;
  }

  private async reviewerIds(usernames: string[]): Promise<number[]> {
    const ids: number[] = [];
    for (const username of usernames) {
      const users = await this.call(`looking up reviewer ${username}`, () => this.api.Users.all({ username, perPage: 1, maxPages: 1 }));
      if (users[0]) ids.push(users[0].id as number);
    }
    return ids;
  }

  async upsert(details: ChangeRequestDetails, existing: ChangeRequest | undefined) {
    const projectId = this.target.projectPath;
    const { title, body, branch, baseBranch, labels } = details;
    const request = existing?.number
      ? await this.call(`updating merge request !${existing.number}`, () =>
          this.api.MergeRequests.edit(projectId, existing.number!, { title, description: body }),
        )
      : await this.call(`opening a merge request from ${branch}`, () =>
          this.api.MergeRequests.create(projectId, branch, baseBranch, title, { description: body, removeSourceBranch: true }),
        );
    const iid = request.iid as number;
    const warnings = await extras([
      labels.length > 0 && (() => this.call('labelling the merge request', () => this.api.MergeRequests.edit(projectId, iid, { addLabels: labels.join(',') }))),
      details.reviewers.length > 0 &&
        !existing &&
        (async () => {
          const reviewerIds = await this.reviewerIds(details.reviewers);
          await this.call('requesting reviewers', () => this.api.MergeRequests.edit(projectId, iid, { reviewerIds }));
        }),
    ]);
    return { url: request.web_url as string, number: iid, warnings };
  }
}
