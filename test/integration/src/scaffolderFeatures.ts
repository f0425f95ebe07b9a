import { coreServices, createServiceFactory } from '@backstage/backend-plugin-api';
import { mockServices } from '@backstage/backend-test-utils';
import catalogPlugin from '@backstage/plugin-catalog-backend';
import scaffolderEntityModel from '@backstage/plugin-catalog-backend-module-scaffolder-entity-model';
import scaffolderPlugin from '@backstage/plugin-scaffolder-backend';
import meshScaffolderModule from '@meshport/plugin-scaffolder-backend-module-mesh';

/**
 * The catalog and the scaffolder with Meshport's actions, as the portal's backend runs them; the test's
 * user is in payments-team, which owns every component of the demo catalog (and so its namespaces).
 */
export function meshScaffolderFeatures() {
  return [
    catalogPlugin,
    scaffolderEntityModel,
    scaffolderPlugin,
    meshScaffolderModule,
    createServiceFactory({
      service: coreServices.userInfo,
      deps: {},
      factory: () => mockServices.userInfo({ ownershipEntityRefs: ['user:default/mock', 'group:default/payments-team'] }),
    }),
  ];
}
