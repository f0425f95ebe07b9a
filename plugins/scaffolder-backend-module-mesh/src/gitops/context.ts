import { Config } from '@backstage/config';
import {
  committerFromConfig,
  DEFAULT_STATE_LIMITS,
  GitIdentity,
  GitOpsLimits,
  GitOpsProviders,
  GitOpsTaskStore,
  limitsFromConfig,
  protectedNamespaces,
  RepositoryPolicy,
  TaskStateLimits,
} from '@meshport/plugin-mesh-node';
import { GitOpsLayout, layoutFromConfig } from '@meshport/plugin-mesh-node';
import { ObservedCallersReader } from '../render/observedCallers';
import { EntityAccess } from './entityAccess';

/** Everything the mesh actions share: configuration read once, the task state store, the edges. */
export interface MeshGitOpsContext {
  config: Config;
  /** Change requests per kind of git host: GitHub, GitLab, plain git and an installation's own. */
  providers: GitOpsProviders;
  repositories: RepositoryPolicy;
  store: GitOpsTaskStore;
  entities: EntityAccess;
  identity: GitIdentity;
  limits: GitOpsLimits;
  layout: GitOpsLayout;
  protectedNamespaces: Set<string>;
  /** `mesh.gitops.namespaceOwners`: who may change a whole namespace, where the catalog should not decide. */
  namespaceOwners: Map<string, string[]>;
  /** `mesh.egress.gatewayNamespaces`: where egress gateways run (default istio-system). */
  egressGatewayNamespaces: string[];
  /** Who the mesh status saw calling an entity: the access check asks about them too (absent: only the policies' callers). */
  observedCallers?: ObservedCallersReader;
}

/** `mesh.gitops.state`: how long a task's state may stay, and how much all of them may hold. */
function stateLimitsFromConfig(config: Config): TaskStateLimits {
  const minutes = config.getOptionalNumber('mesh.gitops.state.maxAgeMinutes');
  return {
    maxAgeMs: minutes === undefined ? DEFAULT_STATE_LIMITS.maxAgeMs : minutes * 60_000,
    maxTotalBytes: config.getOptionalNumber('mesh.gitops.state.maxTotalBytes') ?? DEFAULT_STATE_LIMITS.maxTotalBytes,
  };
}

/** How often the state is swept (`mesh.gitops.state.sweepSeconds`, default a minute). */
export function stateSweepSeconds(config: Config): number {
  return config.getOptionalNumber('mesh.gitops.state.sweepSeconds') ?? 60;
}

/** `mesh.gitops.namespaceOwners`: a namespace to the entity refs of its owners. */
function namespaceOwnersFromConfig(config: Config): Map<string, string[]> {
  const section = config.getOptionalConfig('mesh.gitops.namespaceOwners');
  return new Map((section?.keys() ?? []).map(namespace => [namespace, section!.getStringArray(namespace)]));
}

/** Builds the actions' shared context from the backend's configuration. */
export async function createMeshGitOpsContext(options: {
  config: Config;
  entities: EntityAccess;
  store?: GitOpsTaskStore;
  observedCallers?: ObservedCallersReader;
  /** The backend's GitOps providers service; by default GitHub, GitLab and plain git from the configuration. */
  providers?: GitOpsProviders;
}): Promise<MeshGitOpsContext> {
  const { config, entities } = options;
  const providers = options.providers ?? GitOpsProviders.fromConfig(config);
  const store =
    options.store ?? (await GitOpsTaskStore.create({ directory: config.getOptionalString('mesh.gitops.stateDirectory'), ...stateLimitsFromConfig(config) }));
  await store.sweep();
  return {
    config,
    providers,
    repositories: RepositoryPolicy.fromConfig(config, providers.integrations, providers.integrationTypes),
    store,
    entities,
    identity: committerFromConfig(config),
    limits: limitsFromConfig(config),
    layout: layoutFromConfig(config),
    protectedNamespaces: protectedNamespaces(config),
    namespaceOwners: namespaceOwnersFromConfig(config),
    egressGatewayNamespaces: config.getOptionalStringArray('mesh.egress.gatewayNamespaces') ?? ['istio-system'],
    ...(options.observedCallers ? { observedCallers: options.observedCallers } : {}),
  };
}
