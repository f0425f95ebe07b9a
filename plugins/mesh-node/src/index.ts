/**
 * Meshport's GitOps layer for backends: which repositories may be used, a private per-task copy of the
 * repository that no template step can write, git run in a pinned and stripped environment, symlink-safe
 * workspace files, and change requests on GitHub (Octokit), GitLab (Gitbeaker) or any plain git remote.
 *
 * @packageDocumentation
 */

export { ensureFolder, hasGitMetadata, removeFileSafely, writeFileSafely } from './files/workspaceFiles';
export { changeBranchName } from './gitops/branchName';
export { RateLimitedError } from './gitops/changeRequests';
export type { ChangeRequest, ChangeRequestDetails, GitOpsProvider } from './gitops/changeRequests';
export { GitRunner } from './gitops/git';
export type { GitCredentials, GitIdentity, GitRunnerOptions, GitRunOptions, GitTransport } from './gitops/git';
export { committerFromConfig, limitsFromConfig, protectedNamespaces } from './gitops/gitopsConfig';
export type { GitOpsLimits } from './gitops/gitopsConfig';
export { folderFor, layoutFromConfig, meshRootsOf } from './gitops/layout';
export type { GitOpsLayout } from './gitops/layout';
export { displayUrl } from './gitops/plainGit';
export { PrivateRepository } from './gitops/privateRepository';
export type { RemoteHeads } from './gitops/privateRepository';
export { RepositoryPolicy } from './gitops/repositoryPolicy';
export type { AllowedRepositoryPattern, GitOpsRepository } from './gitops/repositoryPolicy';
export { RepositorySnapshot } from './gitops/repositorySnapshot';
export type { FolderContents } from './gitops/repositorySnapshot';
export { resolveProvider } from './gitops/resolveProvider';
export { GitOpsTaskStore, TaskState } from './gitops/taskState';
export type { CheckoutRecord, StagedChanges, TreeFile } from './gitops/taskState';
export { collectManifestFiles, readManifestDocuments } from './manifests/manifestFiles';
