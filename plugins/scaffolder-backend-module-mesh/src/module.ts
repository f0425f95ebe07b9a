import { coreServices, createBackendModule } from '@backstage/backend-plugin-api';
import { DefaultGithubCredentialsProvider, ScmIntegrations } from '@backstage/integration';
import { scaffolderActionsExtensionPoint } from '@backstage/plugin-scaffolder-node';
import { createMeshGitopsCheckoutAction } from './actions/checkout';
import { createMeshGitopsPullRequestAction } from './actions/pullRequest';
import { createMeshRenderAction } from './actions/render';

/** Adds Meshport's actions to the scaffolder: mesh:gitops:checkout, mesh:render, mesh:gitops:pull-request. */
export const scaffolderModuleMesh = createBackendModule({
  pluginId: 'scaffolder',
  moduleId: 'mesh',
  register(env) {
    env.registerInit({
      deps: { scaffolder: scaffolderActionsExtensionPoint, config: coreServices.rootConfig },
      async init({ scaffolder, config }) {
        const integrations = ScmIntegrations.fromConfig(config);
        const githubCredentials = DefaultGithubCredentialsProvider.fromIntegrations(integrations);
        scaffolder.addActions(
          createMeshGitopsCheckoutAction({ config, integrations, githubCredentials }),
          createMeshRenderAction({ config }),
          createMeshGitopsPullRequestAction({ config, integrations, githubCredentials }),
        );
      },
    });
  },
});
