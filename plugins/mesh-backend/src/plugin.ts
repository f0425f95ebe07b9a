import { coreServices, createBackendPlugin } from '@backstage/backend-plugin-api';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { meshEntityStatusReadPermission } from '@meshport/plugin-mesh-common';
import { CatalogClaimants } from '@meshport/plugin-mesh-node';
import { createRouter } from './service/router';
import { buildStatusService } from './status/buildStatusService';

/**
 * The mesh status backend: `GET /api/mesh/v1/entities/:namespace/:kind/:name/status`.
 *
 * @public
 */
export const meshPlugin = createBackendPlugin({
  pluginId: 'mesh',
  register(env) {
    env.registerInit({
      deps: {
        config: coreServices.rootConfig,
        logger: coreServices.logger,
        httpRouter: coreServices.httpRouter,
        httpAuth: coreServices.httpAuth,
        permissions: coreServices.permissions,
        permissionsRegistry: coreServices.permissionsRegistry,
        lifecycle: coreServices.lifecycle,
        catalog: catalogServiceRef,
        auth: coreServices.auth,
      },
      async init({ config, logger, httpRouter, httpAuth, permissions, permissionsRegistry, lifecycle, catalog, auth }) {
        permissionsRegistry.addPermissions([meshEntityStatusReadPermission]);
        const status = buildStatusService(config, logger, new CatalogClaimants(catalog, auth));
        status.start();
        lifecycle.addShutdownHook(() => status.stop());
        const entityCacheTtlMs = config.getOptionalNumber('mesh.status.entityCacheTtlMs') ?? 5000;
        httpRouter.use(await createRouter({ httpAuth, permissions, catalog, status, entityCacheTtlMs }));
      },
    });
  },
});
