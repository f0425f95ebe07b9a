/**
 * Meshport's GitOps layer for backends: which repositories may be used, a private per-task copy of the
 * repository that no template step can write, git run in a pinned and stripped environment, symlink-safe
 * workspace files, and change requests on GitHub (Octokit), GitLab (Gitbeaker) or any plain git remote.
 *
 * @packageDocumentation
 */

export { type MeshClustersExtensionPoint, meshClustersExtensionPoint } from './clusters/meshClustersExtensionPoint';
export { ensureFolder, hasGitMetadata, removeFileSafely, writeFileSafely } from './files/workspaceFiles';
export { changeBranchName } from './gitops/branchName';
export { type ChangeRequest, type ChangeRequestDetails, type GitOpsProvider, RateLimitedError } from './gitops/changeRequests';
export { type GitCredentials, type GitIdentity, GitRunner, type GitRunnerOptions, type GitRunOptions, type GitTransport } from './gitops/git';
export { committerFromConfig, type GitOpsLimits, limitsFromConfig, protectedNamespaces } from './gitops/gitopsConfig';
export { folderFor, type GitOpsLayout, layoutFromConfig, meshRootsOf } from './gitops/layout';
export { displayUrl } from './gitops/plainGit';
export { entityOfCommitMessage, PrivateRepository, type RemoteHeads } from './gitops/privateRepository';
export { type AllowedRepositoryPattern, type GitOpsRepository, RepositoryPolicy } from './gitops/repositoryPolicy';
export { type FolderContents, RepositorySnapshot } from './gitops/repositorySnapshot';
export {
  type GitOpsProviderContext,
  type GitOpsProviderFactory,
  GitOpsProviders,
  meshGitOpsProvidersServiceFactory,
  meshGitOpsProvidersServiceRef,
} from './gitops/gitOpsProviders';
export {
  type CheckoutRecord,
  DEFAULT_STATE_LIMITS,
  GitOpsTaskStore,
  type StagedChanges,
  TaskState,
  type TaskStateLimits,
  type TreeFile,
} from './gitops/taskState';
export { collectManifestFiles, readManifestDocuments } from './manifests/manifestFiles';
export { CatalogClaimants, claimantsAmong, ownersOf } from './ownership/catalogClaimants';
export {
  decideFolderOwnership,
  decideNamespaceOwnership,
  FOLDER_RECORD_FILE,
  type FolderClaimant,
  type OwnershipDecision,
  recordedEntityOf,
} from './ownership/folderOwnership';
