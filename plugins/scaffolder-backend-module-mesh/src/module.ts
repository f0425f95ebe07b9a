import { coreServices, createBackendModule } from '@backstage/backend-plugin-api';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { scaffolderActionsExtensionPoint } from '@backstage/plugin-scaffolder-node';
import { meshGitopsChangePermission } from '@meshport/plugin-mesh-common';
import { createMeshGitopsCheckoutAction } from './actions/checkout';
import { createMeshGitopsPullRequestAction } from './actions/pullRequest';
import { createMeshRenderAction } from './actions/render';
import { createMeshGitOpsContext, stateSweepSeconds } from './gitops/context';
import { CatalogEntityAccess } from './gitops/entityAccess';

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
      },
      async init({ scaffolder, config, permissions, permissionsRegistry, catalog, auth, userInfo, scheduler }) {
        permissionsRegistry.addPermissions([meshGitopsChangePermission]);
        const context = await createMeshGitOpsContext({ config, entities: new CatalogEntityAccess(permissions, catalog, auth, userInfo) });
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
