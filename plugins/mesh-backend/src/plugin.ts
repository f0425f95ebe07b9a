import { coreServices, createBackendPlugin } from '@backstage/backend-plugin-api';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import type { AuthenticationStrategy, KubernetesClusterSupplierFactory, KubernetesClustersSupplier } from '@backstage/plugin-kubernetes-node';
import { meshEntityStatusReadPermission } from '@meshport/plugin-mesh-common';
import { CatalogClaimants, meshClustersExtensionPoint, meshGitOpsProvidersServiceRef } from '@meshport/plugin-mesh-node';
import { dispatchingStrategy, kubernetesPluginAuthStrategies, kubernetesPluginClusterSupplier } from './cluster/kubernetesPluginParts';
import { readCatalogClusterRules } from './cluster/catalogClusterGate';
import { readMeshClusterSettings } from './cluster/clusterConfig';
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
    let addedSupplier: KubernetesClustersSupplier | KubernetesClusterSupplierFactory | undefined;
    const addedStrategies = new Map<string, AuthenticationStrategy>();
    env.registerExtensionPoint(meshClustersExtensionPoint, {
      addClusterSupplier(supplier) {
        if (addedSupplier) throw new Error('a cluster supplier was already added to the mesh status backend');
        addedSupplier = supplier;
      },
      addAuthStrategy(key, strategy) {
        if (addedStrategies.has(key)) throw new Error(`an authentication strategy for "${key}" was already added to the mesh status backend`);
        addedStrategies.set(key, strategy);
      },
    });
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
        gitopsProviders: meshGitOpsProvidersServiceRef,
      },
      async init({ config, logger, httpRouter, httpAuth, permissions, permissionsRegistry, lifecycle, catalog, auth, gitopsProviders }) {
        permissionsRegistry.addPermissions([meshEntityStatusReadPermission]);
        const authStrategy = dispatchingStrategy(new Map([...kubernetesPluginAuthStrategies(config, logger), ...addedStrategies]));
        const located = config.has('kubernetes.clusterLocatorMethods');
        const settings = readMeshClusterSettings(config);
        const rules = readCatalogClusterRules(config, settings.configuredNames);
        const getDefault = async () => kubernetesPluginClusterSupplier({ config, catalog, auth, logger, authStrategy, rules });
        const supplier =
          typeof addedSupplier === 'function' ? await addedSupplier({ getDefault }) : addedSupplier ?? (located ? await getDefault() : undefined);
        const status = buildStatusService(
          config,
          logger,
          { supplier, authStrategy, credentials: () => auth.getOwnServiceCredentials(), settings },
          new CatalogClaimants(catalog, auth),
          gitopsProviders,
        );
        // The catalog locator reads the catalog, which answers once the backend is up.
        lifecycle.addStartupHook(() => status.start());
        lifecycle.addShutdownHook(() => status.stop());
        const entityCacheTtlMs = config.getOptionalNumber('mesh.status.entityCacheTtlMs') ?? 5000;
        httpRouter.use(await createRouter({ httpAuth, permissions, catalog, status, entityCacheTtlMs }));
      },
    });
  },
});
