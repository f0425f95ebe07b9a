import { createApiFactory, createComponentExtension, createPlugin, discoveryApiRef, fetchApiRef } from '@backstage/core-plugin-api';
import { createScaffolderFieldExtension } from '@backstage/plugin-scaffolder-react';
import { MeshClient, meshApiRef } from './api/MeshApi';
import { templateRouteRef } from './routes';
import {
  CanarySplitField,
  canarySplitValidation,
  JwtRulesField,
  jwtRulesValidation,
  MeshCallersField,
  MeshPolicyPreviewField,
  meshPolicyPreviewValidation,
  MeshScopeField,
  MeshTextField,
  meshTextValidation,
} from './fields';

/**
 * The mesh plugin for apps on the legacy frontend system.
 *
 * @public
 */
export const meshPlugin = createPlugin({
  id: 'mesh',
  externalRoutes: { template: templateRouteRef },
  apis: [
    createApiFactory({
      api: meshApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: ({ discoveryApi, fetchApi }) => new MeshClient({ discoveryApi, fetchApi }),
    }),
  ],
});

/**
 * The Mesh tab for an entity page (legacy frontend system).
 *
 * @public
 */
export const EntityMeshContent: () => JSX.Element | null = meshPlugin.provide(
  createComponentExtension({
    name: 'EntityMeshContent',
    component: { lazy: () => import('./components/EntityMeshContent').then(m => m.EntityMeshContent) },
  }),
);

/**
 * The mesh overview page (legacy frontend system); mount it on a route such as /mesh.
 *
 * @public
 */
export const MeshOverviewPage: () => JSX.Element = meshPlugin.provide(
  createComponentExtension({
    name: 'MeshOverviewPage',
    component: { lazy: () => import('./components/MeshOverview/MeshOverviewPage').then(m => m.MeshOverviewPage) },
  }),
);

/**
 * The Mesh card for an entity's overview (legacy frontend system).
 *
 * @public
 */
export const EntityMeshCard: () => JSX.Element = meshPlugin.provide(
  createComponentExtension({
    name: 'EntityMeshCard',
    component: { lazy: () => import('./components/EntityMeshCard').then(m => m.EntityMeshCard) },
  }),
);

/**
 * The CanarySplit form field (legacy frontend system): weights that always sum to 100.
 *
 * @public
 */
export const CanarySplitFieldExtension = meshPlugin.provide(
  createScaffolderFieldExtension({ name: 'CanarySplit', component: CanarySplitField, validation: canarySplitValidation }),
);

/**
 * The JwtRules form field (legacy frontend system): issuer, JWKS URL, audiences, claims.
 *
 * @public
 */
export const JwtRulesFieldExtension = meshPlugin.provide(
  createScaffolderFieldExtension({ name: 'JwtRules', component: JwtRulesField, validation: jwtRulesValidation }),
);

/**
 * The MeshCallers form field (legacy frontend system): catalog components allowed to call.
 *
 * @public
 */
export const MeshCallersFieldExtension = meshPlugin.provide(createScaffolderFieldExtension({ name: 'MeshCallers', component: MeshCallersField }));

/**
 * The MeshScope form field (legacy frontend system): the proxy's egress scope from the catalog's dependencies.
 *
 * @public
 */
export const MeshScopeFieldExtension = meshPlugin.provide(createScaffolderFieldExtension({ name: 'MeshScope', component: MeshScopeField }));

/**
 * The MeshText form field (legacy frontend system): a text checked as it is typed by a rule of the model (`ui:options.rule`).
 *
 * @public
 */
export const MeshTextFieldExtension = meshPlugin.provide(
  createScaffolderFieldExtension({ name: 'MeshText', component: MeshTextField, validation: meshTextValidation }),
);

/**
 * The MeshPolicyPreview form field (legacy frontend system): the manifests, findings and cost as the form is filled.
 *
 * @public
 */
export const MeshPolicyPreviewFieldExtension = meshPlugin.provide(
  createScaffolderFieldExtension({ name: 'MeshPolicyPreview', component: MeshPolicyPreviewField, validation: meshPolicyPreviewValidation }),
);
