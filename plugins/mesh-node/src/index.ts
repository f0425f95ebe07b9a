/**
 * Meshport's GitOps providers for backends: git working copies with credentials kept out of URLs and
 * logs, and change requests on GitHub (Octokit), GitLab (Gitbeaker) or any plain git remote.
 *
 * @packageDocumentation
 */
export { changeBranchName } from './gitops/branchName';
export type { ChangeRequest, ChangeRequestDetails, GitOpsProvider } from './gitops/changeRequests';
export { GitCommandError, GitRunner, redact } from './gitops/git';
export type { GitCredentials, GitIdentity } from './gitops/git';
export { committerFromConfig, DEFAULT_COMMITTER, repoUrlOrDefault } from './gitops/gitopsConfig';
export { displayUrl, PlainGitProvider } from './gitops/plainGit';
export { isGitRemoteUrl, resolveProvider } from './gitops/resolveProvider';
export { checkoutForChange, commitChanges, foreignCommits, pendingChanges, pushBranch, readCheckoutRecord, undoPush } from './gitops/workingCopy';
export type { CheckoutRecord } from './gitops/workingCopy';
export { collectManifestFiles, readManifestDocuments } from './manifests/manifestFiles';
