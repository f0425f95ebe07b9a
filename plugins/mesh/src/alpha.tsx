import { ApiBlueprint, createFrontendPlugin, discoveryApiRef, fetchApiRef } from '@backstage/frontend-plugin-api';
import { EntityCardBlueprint, EntityContentBlueprint } from '@backstage/plugin-catalog-react/alpha';
import { MeshClient, meshApiRef } from './api/MeshApi';
import { isMeshAvailable } from './components/isMeshAvailable';

/** The mesh status client. */
export const meshApi = ApiBlueprint.make({
  params: defineParams =>
    defineParams({
      api: meshApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: ({ discoveryApi, fetchApi }) => new MeshClient({ discoveryApi, fetchApi }),
    }),
});

/** The Mesh tab on entity pages of components with Kubernetes annotations. */
export const entityMeshContent = EntityContentBlueprint.make({
  name: 'mesh',
  params: {
    path: '/mesh',
    title: 'Mesh',
    group: 'deployment',
    filter: isMeshAvailable,
    loader: () => import('./components/EntityMeshContent').then(m => <m.EntityMeshContent />),
  },
});

/** The Mesh card on the overview tab. */
export const entityMeshCard = EntityCardBlueprint.make({
  name: 'mesh',
  params: {
    filter: isMeshAvailable,
    loader: () => import('./components/EntityMeshCard').then(m => <m.EntityMeshCard />),
  },
});

/** The mesh plugin for apps on the new frontend system. */
export default createFrontendPlugin({
  pluginId: 'mesh',
  title: 'Mesh',
  extensions: [meshApi, entityMeshContent, entityMeshCard],
});
