import { coreServices, createBackendModule } from '@backstage/backend-plugin-api';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { scaffolderActionsExtensionPoint } from '@backstage/plugin-scaffolder-node';
import { meshGitopsChangePermission } from '@meshport/plugin-mesh-common';
import { createMeshGitopsCheckoutAction } from './actions/checkout';
import { createMeshGitopsPullRequestAction } from './actions/pullRequest';
import { createMeshRenderAction } from './actions/render';
import { createMeshGitOpsContext, stateSweepSeconds } from './gitops/context';
import { CatalogEntityAccess } from './gitops/entityAccess';
import { meshStatusCallers } from './render/observedCallers';
import { limitsFromConfig, meshGitOpsProvidersServiceRef } from '@meshport/plugin-mesh-node';

/**
 * Adds Meshport's actions to the scaffolder: mesh:gitops:checkout, mesh:render, mesh:gitops:pull-request.
 *
 * @public
 */
export const scaffolderModuleMesh = createBackendModule({
  pluginId: 'scaffolder',
  moduleId: 'mesh',
  register(env) {
    env.registerInit({
      deps: {
        scaffolder: scaffolderActionsExtensionPoint,
        config: coreServices.rootConfig,
        permissions: coreServices.permissions,
        permissionsRegistry: coreServices.permissionsRegistry,
        catalog: catalogServiceRef,
        auth: coreServices.auth,
        userInfo: coreServices.userInfo,
        scheduler: coreServices.scheduler,
        discovery: coreServices.discovery,
        gitopsProviders: meshGitOpsProvidersServiceRef,
      },
      async init({ scaffolder, config, permissions, permissionsRegistry, catalog, auth, userInfo, scheduler, discovery, gitopsProviders }) {
        permissionsRegistry.addPermissions([meshGitopsChangePermission]);
        const context = await createMeshGitOpsContext({
          config,
          providers: gitopsProviders,
          entities: new CatalogEntityAccess(permissions, catalog, auth, userInfo),
          // Who the mesh status saw calling, asked of Meshport's status API as the task's user, within the GitOps timeout.
          observedCallers: meshStatusCallers({ discovery, auth, timeoutMs: limitsFromConfig(config).timeoutMs }),
        });
        // Each replica keeps its tasks' state on its own disk, so each sweeps its own.
        await scheduler.scheduleTask({
          id: 'meshport-gitops-state-sweep',
          scope: 'local',
          frequency: { seconds: stateSweepSeconds(config) },
          timeout: { minutes: 5 },
          fn: async () => {
            await context.store.sweep();
          },
        });
        scaffolder.addActions(createMeshGitopsCheckoutAction(context), createMeshRenderAction(context), createMeshGitopsPullRequestAction(context));
      },
    });
  },
});
