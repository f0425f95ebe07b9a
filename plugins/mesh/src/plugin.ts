import { createApiFactory, createComponentExtension, createPlugin, discoveryApiRef, fetchApiRef } from '@backstage/core-plugin-api';
import { MeshClient, meshApiRef } from './api/MeshApi';

/** The mesh plugin for apps on the legacy frontend system. */
export const meshPlugin = createPlugin({
  id: 'mesh',
  apis: [
    createApiFactory({
      api: meshApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: ({ discoveryApi, fetchApi }) => new MeshClient({ discoveryApi, fetchApi }),
    }),
  ],
});

/** The Mesh tab for an entity page (legacy frontend system). */
export const EntityMeshContent = meshPlugin.provide(
  createComponentExtension({
    name: 'EntityMeshContent',
    component: { lazy: () => import('./components/EntityMeshContent').then(m => m.EntityMeshContent) },
  }),
);

/** The Mesh card for an entity's overview (legacy frontend system). */
export const EntityMeshCard = meshPlugin.provide(
  createComponentExtension({
    name: 'EntityMeshCard',
    component: { lazy: () => import('./components/EntityMeshCard').then(m => m.EntityMeshCard) },
  }),
);
