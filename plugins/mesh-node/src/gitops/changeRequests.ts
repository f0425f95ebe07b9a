import { CustomErrorBase } from '@backstage/errors';
import { GitCredentials } from './git';

/**
 * An open change request: a GitHub pull request, a GitLab merge request, another host's, or a bare branch.
 *
 * @public
 */
export interface ChangeRequest {
  url: string;
  number?: number;
}

/**
 * What a change request says and who should look at it.
 *
 * @public
 */
export interface ChangeRequestDetails {
  branch: string;
  baseBranch: string;
  title: string;
  body: string;
  labels: string[];
  reviewers: string[];
}

/**
 * One git host: where to push, with which credentials, and how to open the change request there.
 *
 * @public
 */
export interface GitOpsProvider {
  /** "github", "gitlab", "git", or the integration type of an installation's own provider. */
  kind: string;
  /** The remote to clone and push, with no credentials in it. */
  remoteUrl: string;
  credentials?: GitCredentials;
  /** The repository's default branch, also proving the credentials can reach it. */
  defaultBranch(): Promise<string | undefined>;
  /** The open change request from this branch, if any (called before anything is pushed). */
  findOpen(branch: string, baseBranch: string): Promise<ChangeRequest | undefined>;
  /**
   * The same as a conditional request, where the host supports them (GitHub's ETags): "not-modified"
   * when nothing changed since the answer that carried `etag`, which costs no rate limit.
   */
  findOpenIfChanged?(branch: string, baseBranch: string, etag?: string): Promise<{ notModified: true } | { open?: ChangeRequest; etag?: string }>;
  /**
   * Opens the change request, or updates the one `findOpen` found. Labels and reviewers are extras: when
   * the host refuses them the request stays open and `warnings` says why.
   */
  upsert(details: ChangeRequestDetails, existing: ChangeRequest | undefined): Promise<ChangeRequest & { warnings: string[] }>;
}

/**
 * A host's answer that its rate limit for this token is used up, with when it resets.
 *
 * @public
 */
export class RateLimitedError extends CustomErrorBase {
  constructor(message: string, readonly resetsAt: number) {
    super(message);
  }
}

/** Runs the optional extras of a change request; each one that fails becomes a warning instead. */
export async function extras(steps: Array<false | (() => Promise<unknown>)>): Promise<string[]> {
  const warnings: string[] = [];
  for (const step of steps) {
    if (!step) continue;
    try {
      await step();
    } catch (error) {
      warnings.push((error as Error).message);
    }
  }
  return warnings;
}
