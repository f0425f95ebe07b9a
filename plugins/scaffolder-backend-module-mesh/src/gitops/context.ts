import { Config } from '@backstage/config';
import { DefaultGithubCredentialsProvider, GithubCredentialsProvider, ScmIntegrationRegistry, ScmIntegrations } from '@backstage/integration';
import {
  committerFromConfig,
  GitIdentity,
  GitOpsLimits,
  GitOpsTaskStore,
  limitsFromConfig,
  protectedNamespaces,
  RepositoryPolicy,
} from '@meshport/plugin-mesh-node';
import { GitOpsLayout, layoutFromConfig } from '@meshport/plugin-mesh-node';
import { EntityAccess } from './entityAccess';

/** Everything the mesh actions share: configuration read once, the task state store, the edges. */
export interface MeshGitOpsContext {
  config: Config;
  integrations: ScmIntegrationRegistry;
  githubCredentials: GithubCredentialsProvider;
  repositories: RepositoryPolicy;
  store: GitOpsTaskStore;
  entities: EntityAccess;
  identity: GitIdentity;
  limits: GitOpsLimits;
  layout: GitOpsLayout;
  protectedNamespaces: Set<string>;
}

/** Builds the actions' shared context from the backend's configuration. */
export async function createMeshGitOpsContext(options: { config: Config; entities: EntityAccess; store?: GitOpsTaskStore }): Promise<MeshGitOpsContext> {
  const { config, entities } = options;
  const integrations = ScmIntegrations.fromConfig(config);
  const store = options.store ?? (await GitOpsTaskStore.create({ directory: config.getOptionalString('mesh.gitops.stateDirectory') }));
  await store.sweep();
  return {
    config,
    integrations,
    githubCredentials: DefaultGithubCredentialsProvider.fromIntegrations(integrations),
    repositories: RepositoryPolicy.fromConfig(config, integrations),
    store,
    entities,
    identity: committerFromConfig(config),
    limits: limitsFromConfig(config),
    layout: layoutFromConfig(config),
    protectedNamespaces: protectedNamespaces(config),
  };
}
