import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { POLICY_FILE } from '@meshport/plugin-mesh-common';
import { DesiredObject } from '@meshport/plugin-mesh-status-node';
import { parseYaml } from '@meshport/istio-config';
import { Config } from '@backstage/config';
import {
  FOLDER_RECORD_FILE,
  folderFor,
  GitCredentials,
  GitOpsLayout,
  GitOpsLimits,
  layoutFromConfig,
  limitsFromConfig,
  PrivateRepository,
  changeBranchName,
  recordedEntityOf,
  TaskState,
  GitOpsProviders,
} from '@meshport/plugin-mesh-node';
import { TtlCache } from '../cache/ttlCache';
import { gitopsRepositoryFor } from '../gitops/gitopsRepository';

/** A service's folder as a branch holds it: its files by folder-relative path. */
export interface MergedFolder {
  commit: string;
  folder: string;
  files: Map<string, string>;
  /** The branch read: the target branch, or Meshport's change branch while it holds an unmerged change. */
  branch?: string;
}

/** A service's folder on the target branch as cluster objects, with the entity its record names. */
export interface DesiredFolder {
  commit: string;
  folder: string;
  objects: DesiredObject[];
  /** The catalog entity the folder's meshport-owned.yaml names, if any. */
  recordedEntity?: string;
}

/** Where the merged configuration of a service is read. */
export interface DesiredStateSource {
  /** The objects of the service's folder (not Meshport's own files, not kustomize's). */
  forService(namespace: string, service: string): Promise<DesiredFolder | { error: string }>;
  /** Every readable text file of the service's folder. */
  filesForService(namespace: string, service: string): Promise<MergedFolder | { error: string }>;
  /**
   * The folder a form's change is laid over, as mesh:gitops:checkout starts it: Meshport's change branch
   * while it holds commits the target branch lacks, else the target branch.
   */
  filesForChange(namespace: string, service: string): Promise<MergedFolder | { error: string }>;
}

/** An error's first line, for an answer in words. */
function firstLine(error: unknown): string {
  return String((error as Error).message ?? error).split('\n')[0];
}

/** Meshport's own bookkeeping next to the manifests, and kustomize's files: not cluster objects. */
const NOT_OBJECTS = new Set([POLICY_FILE, FOLDER_RECORD_FILE]);

/** Whether a document is a cluster object: kind, name, and not one of kustomize's own kinds. */
function isClusterObject(document: unknown): document is DesiredObject['object'] {
  const candidate = document as DesiredObject['object'] | undefined;
  return (
    typeof candidate?.kind === 'string' &&
    typeof candidate.metadata?.name === 'string' &&
    !String(candidate.apiVersion ?? '').startsWith('kustomize.config.k8s.io/')
  );
}

/**
 * The GitOps repository's target branch, as merged: fetched (its last commit only) into Meshport's own
 * bare repository at most once per TTL for every service, and each service's folder read from git's
 * objects, never written out. The repository, its credentials and the limits are the scaffolder's.
 */
export class GitDesiredState implements DesiredStateSource {
  private readonly heads: TtlCache<'head', { repository: PrivateRepository; commit: string; branch: string; fetch: number }>;
  /** Whether a change branch's head (keyed with the copy's fetch number) was fetched and holds unmerged commits. */
  private readonly changeFetches: TtlCache<string, boolean>;
  private fetches = 0;
  private directory?: string;
  /** Two copies served in turn: a fetch starts afresh in the one no read is using, and the disk holds two at most. */
  private generation = 0;

  constructor(
    private readonly remote: () => Promise<{ remoteUrl: string; credentials?: GitCredentials }>,
    private readonly options: { layout: GitOpsLayout; limits: GitOpsLimits; targetBranch?: string; ttlMs: number; directory?: string },
  ) {
    this.heads = new TtlCache(options.ttlMs);
    // A form run pushes the branch and the next form's preview must see it at once: its head is listed each time, fetched once.
    this.changeFetches = new TtlCache(Math.max(options.ttlMs, 1_000), Date.now, 1_000);
  }

  private async fetchHead() {
    const { remoteUrl, credentials } = await this.remote();
    this.directory ??= this.options.directory ?? fs.mkdtempSync(path.join(os.tmpdir(), 'meshport-desired-'));
    this.generation = (this.generation + 1) % 2;
    const state = new TaskState(path.join(this.directory, String(this.generation)));
    await state.reset();
    const repository = new PrivateRepository(state, { remoteUrl, credentials, limits: this.options.limits });
    await repository.init();
    const branch = this.options.targetBranch ?? (await repository.remoteHeads([])).defaultBranch ?? 'main';
    const commit = await repository.fetchBase(branch);
    this.fetches += 1;
    return { repository, commit, branch, fetch: this.fetches };
  }

  /** The readable files of a service's folder at a commit of the copy. */
  private async folderAt(repository: PrivateRepository, commit: string, branch: string, namespace: string, service: string): Promise<MergedFolder> {
    const folder = folderFor(this.options.layout.service, { namespace, service }, 'mesh.gitops.layout.service');
    const listed = (await repository.listTree(commit, [folder])).filter(file => !file.unreadable);
    const blobs = await repository.readBlobs(listed.map(file => file.sha));
    const files = new Map(listed.map(file => [path.posix.relative(folder, file.path), blobs.get(file.sha)!.toString('utf8')]));
    return { commit, folder, files, branch };
  }

  async filesForService(namespace: string, service: string): Promise<MergedFolder | { error: string }> {
    try {
      const { repository, commit, branch } = await this.heads.get('head', () => this.fetchHead());
      return await this.folderAt(repository, commit, branch, namespace, service);
    } catch (error) {
      return { error: `the GitOps target branch could not be read: ${firstLine(error)}` };
    }
  }

  async filesForChange(namespace: string, service: string): Promise<MergedFolder | { error: string }> {
    const change = changeBranchName({ namespace, service });
    try {
      const { repository, commit, branch, fetch } = await this.heads.get('head', () => this.fetchHead());
      const listed = (await repository.remoteHeads([change])).heads.get(change);
      // Each branch into a ref of its own, so that two services' reads never race (names are DNS labels); each head once.
      const unmerged =
        listed !== undefined &&
        (await this.changeFetches.get(`${fetch} ${change} ${listed}`, () =>
          repository.fetchBranch(change, branch, `refs/meshport/changes/${namespace}/${service}`),
        ));
      return await this.folderAt(repository, unmerged ? listed : commit, unmerged ? change : branch, namespace, service);
    } catch (error) {
      return { error: `the GitOps branch ${change} could not be read: ${firstLine(error)}` };
    }
  }

  async forService(namespace: string, service: string): Promise<DesiredFolder | { error: string }> {
    const merged = await this.filesForService(namespace, service);
    if ('error' in merged) return merged;
    try {
      const manifests = [...merged.files].filter(([file]) => /\.ya?ml$/.test(file) && !NOT_OBJECTS.has(path.posix.basename(file)));
      const objects = manifests.flatMap(([file, text]) =>
        parseYaml(text, file)
          .filter(isClusterObject)
          .map(object => ({ file, object })),
      );
      const recordedEntity = recordedEntityOf(merged.files.get(FOLDER_RECORD_FILE));
      return { commit: merged.commit, folder: merged.folder, objects, ...(recordedEntity ? { recordedEntity } : {}) };
    } catch (error) {
      return { error: `the GitOps target branch holds a file that cannot be read: ${(error as Error).message}` };
    }
  }
}

/**
 * The merged-configuration source for `mesh.gitops.defaultRepoUrl`: the scaffolder's repository, credentials,
 * layout and limits, its target branch (`mesh.gitops.targetBranch`, else the default branch) read once per
 * `mesh.status.desiredTtlMs` (default 60 s).
 */
export function desiredStateSourceFor(config: Config, providers?: GitOpsProviders): DesiredStateSource | undefined {
  const gitops = gitopsRepositoryFor(config, providers);
  if (!gitops) return undefined;
  if ('error' in gitops) {
    const refused = `the GitOps repository is refused: ${(gitops.error as Error).message}`;
    return {
      forService: async () => ({ error: refused }),
      filesForService: async () => ({ error: refused }),
      filesForChange: async () => ({ error: refused }),
    };
  }
  const { repository, provider } = gitops;
  const remote = provider
    ? async () => {
        const host = await provider();
        return { remoteUrl: host.remoteUrl, credentials: host.credentials };
      }
    : async () => ({ remoteUrl: repository.cloneUrl! });
  return new GitDesiredState(remote, {
    layout: layoutFromConfig(config),
    limits: limitsFromConfig(config),
    targetBranch: config.getOptionalString('mesh.gitops.targetBranch'),
    ttlMs: config.getOptionalNumber('mesh.status.desiredTtlMs') ?? 60_000,
  });
}
