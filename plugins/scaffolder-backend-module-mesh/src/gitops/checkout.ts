import { InputError, NotAllowedError } from '@backstage/errors';
import {
  changeBranchName,
  CheckoutRecord,
  decideFolderOwnership,
  ensureFolder,
  FOLDER_RECORD_FILE,
  FolderClaimant,
  GitOpsProvider,
  GitOpsRepository,
  recordedEntityOf,
  TaskState,
  PrivateRepository,
  RepositorySnapshot,
  TreeFile,
  writeFileSafely,
} from '@meshport/plugin-mesh-node';
import { folderFor, meshRootsOf } from '@meshport/plugin-mesh-node';
import { MeshGitOpsContext } from './context';
import { removingStateOnFailure } from './taskCleanup';
import { MeshTarget } from './entityAccess';

/** What a checkout is asked for. */
export interface CheckoutRequest {
  taskId: string;
  workspacePath: string;
  workingCopy: string;
  target: MeshTarget;
  repoUrl?: string;
  targetBranch?: string;
  /** The entity's owners, and every catalog entity that names the same service folder. */
  owners: string[];
  claimants: FolderClaimant[];
}

/** The folder a target's files live in, by the configured layout. */
export function folderOf(context: MeshGitOpsContext, target: MeshTarget): string {
  return folderFor(target.scope === 'service' ? context.layout.service : context.layout.namespace, target, 'mesh.gitops.layout');
}

/** True when `path` is the folder, inside it, or on the way to it. */
function touchesFolder(path: string, folder: string): boolean {
  return path === folder || path.startsWith(`${folder}/`) || folder.startsWith(`${path}/`);
}

/** Refuses a checkout whose own folder (or the way to it) holds what Meshport will not read or write through. */
function checkOwnFolder(tree: TreeFile[], folder: string) {
  const blocking = tree.filter(file => file.unreadable && touchesFolder(file.path, folder));
  if (blocking.length > 0) {
    throw new InputError(
      `The GitOps repository holds what Meshport will not read or write through: ${blocking
        .map(file => `${file.path} ${file.unreadable}`)
        .join('; ')}. Nothing was changed`,
    );
  }
}

/** The entity a folder's record names at a commit, if any. */
async function recordedAt(git: PrivateRepository, tree: TreeFile[], folder: string): Promise<string | undefined> {
  const file = tree.find(entry => entry.path === `${folder}/${FOLDER_RECORD_FILE}` && !entry.unreadable);
  if (!file) return undefined;
  return recordedEntityOf((await git.readBlobs([file.sha])).get(file.sha)?.toString('utf8'));
}

/**
 * Refuses a service change unless the folder is the entity's: what the records on the target branch and on
 * Meshport's branch name, what the branch's commits name, and what the catalog says (docs/adr).
 */
async function checkFolderOwner(git: PrivateRepository, request: CheckoutRequest, folder: string, tree: TreeFile[], base?: { head: string }) {
  if (request.target.scope !== 'service') return [];
  const recorded = [
    await recordedAt(git, tree, folder),
    base ? await recordedAt(git, await git.listTree(base.head, [folder]), folder) : undefined,
    ...(base ? await git.branchEntities() : []),
  ].filter((entity): entity is string => entity !== undefined);
  const decision = decideFolderOwnership({ entityRef: request.target.entityRef, owners: request.owners, folder, recorded, claimants: request.claimants });
  if (!decision.owned) throw new NotAllowedError(`entityRef: ${decision.reason}. Nothing was changed`);
  return decision.notes;
}

/**
 * Fetches what a change needs into the task's private repository, records where it will push, and
 * mirrors the target's folder into the workspace (for other steps to read, and for the stock
 * publishers). The remote, the branch and the folder all derive from the configuration and the
 * entity; nothing in the workspace can change them later.
 */
export async function checkoutForChange(context: MeshGitOpsContext, request: CheckoutRequest): Promise<{ record: CheckoutRecord; notes: string[] }> {
  const repository = context.repositories.resolve(request.repoUrl);
  const provider = await context.providers.providerFor(repository);
  await context.store.ensureRoom();
  const state = context.store.forTask(request.taskId, request.workingCopy);
  await state.reset(request.workspacePath);
  // A failed checkout leaves nothing behind: the repository it fetched goes with it.
  return removingStateOnFailure(state, () => fetchForChange(context, request, state, provider, repository));
}

async function fetchForChange(
  context: MeshGitOpsContext,
  request: CheckoutRequest,
  state: TaskState,
  provider: GitOpsProvider,
  repository: GitOpsRepository,
): Promise<{ record: CheckoutRecord; notes: string[] }> {
  const { target } = request;
  const branch = changeBranchName(target);
  const folder = folderOf(context, target);
  const git = new PrivateRepository(state, { remoteUrl: provider.remoteUrl, credentials: provider.credentials, limits: context.limits });
  await git.init();

  const configuredBase = request.targetBranch || context.config.getOptionalString('mesh.gitops.targetBranch');
  // The host's API first, where there is one: it proves the credentials and names the default branch.
  const hostDefault = configuredBase ? undefined : await provider.defaultBranch();
  const asked = await git.remoteHeads([branch, ...(configuredBase || hostDefault ? [configuredBase || hostDefault!] : [])]);
  if (asked.heads.size === 0 && !asked.defaultBranch)
    throw new InputError('repoUrl: the repository has no commits yet; push a first commit to its default branch');
  const baseBranch = configuredBase || hostDefault || asked.defaultBranch || 'main';
  if (baseBranch === branch) throw new InputError(`targetBranch: must not be Meshport's own change branch ${branch}`);
  const heads = asked.heads.has(baseBranch) || configuredBase ? asked : await git.remoteHeads([branch, baseBranch]);
  if (!heads.heads.has(baseBranch)) throw new InputError(`targetBranch: the repository has no branch "${baseBranch}"`);

  const baseHead = await git.fetchBase(baseBranch);
  const branchHead = heads.heads.get(branch);
  const branchFetched = branchHead !== undefined && (await git.fetchBranch(branch, baseBranch));
  const startCommit = branchFetched ? branchHead! : baseHead;
  const tree = await git.listTree(startCommit, meshRootsOf(context.layout));
  checkOwnFolder(tree, folder);
  const notes = await checkFolderOwner(git, request, folder, tree, branchFetched ? { head: baseHead } : undefined);

  const record: CheckoutRecord = {
    version: 1,
    entityRef: target.entityRef,
    scope: target.scope,
    namespace: target.namespace,
    ...(target.service ? { service: target.service } : {}),
    folder,
    repoUrl: repository.repoUrl,
    repositoryId: repository.id,
    remoteUrl: provider.remoteUrl,
    branch,
    baseBranch,
    baseHead,
    ...(branchHead ? { branchHead } : {}),
    startCommit,
    branchFetched,
    tree,
    staged: { writes: {}, removes: [] },
  };
  await state.writeRecord(record);

  const workingCopy = await ensureFolder(request.workspacePath, request.workingCopy, 'workingCopy', true);
  const { files } = await new RepositorySnapshot(record, git).readFolder(folder);
  await ensureFolder(workingCopy, folder);
  for (const [path, content] of files) await writeFileSafely(workingCopy, `${folder}/${path}`, content);
  return { record, notes };
}
