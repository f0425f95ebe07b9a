import {
  ApiBlueprint,
  createFrontendModule,
  createFrontendPlugin,
  createRouteRef,
  discoveryApiRef,
  fetchApiRef,
  PageBlueprint,
} from '@backstage/frontend-plugin-api';
import { FormFieldBlueprint } from '@backstage/plugin-scaffolder-react/alpha';
import DeviceHubIcon from '@material-ui/icons/DeviceHub';
import { EntityCardBlueprint, EntityContentBlueprint } from '@backstage/plugin-catalog-react/alpha';
import { MeshClient, meshApiRef } from './api/MeshApi';
import { isMeshAvailable } from './components/isMeshAvailable';
import { templateRouteRef } from './routes';

/**
 * The mesh status client.
 *
 * @alpha
 */
export const meshApi = ApiBlueprint.make({
  params: defineParams =>
    defineParams({
      api: meshApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: ({ discoveryApi, fetchApi }) => new MeshClient({ discoveryApi, fetchApi }),
    }),
});

/**
 * The Mesh tab on entity pages of components with Kubernetes annotations.
 *
 * @alpha
 */
export const entityMeshContent = EntityContentBlueprint.make({
  name: 'mesh',
  params: {
    path: '/mesh',
    title: 'Mesh',
    // Its own tab, not inside a group, so that a team finds it next to Overview.
    filter: isMeshAvailable,
    loader: () => import('./components/EntityMeshContent').then(m => <m.EntityMeshContent />),
  },
});

/**
 * The Mesh card on the overview tab.
 *
 * @alpha
 */
export const entityMeshCard = EntityCardBlueprint.make({
  name: 'mesh',
  params: {
    filter: isMeshAvailable,
    loader: () => import('./components/EntityMeshCard').then(m => <m.EntityMeshCard />),
  },
});

/**
 * Where the mesh overview page is mounted.
 *
 * @alpha
 */
export const meshOverviewRouteRef = createRouteRef();

/**
 * The mesh overview page: every component with mesh data.
 *
 * @alpha
 */
export const meshOverviewPage = PageBlueprint.make({
  params: {
    path: '/mesh',
    title: 'Mesh',
    routeRef: meshOverviewRouteRef,
    loader: () => import('./components/MeshOverview/MeshOverviewPage').then(m => <m.MeshOverviewPage />),
  },
});

/**
 * The mesh plugin for apps on the new frontend system.
 *
 * @alpha
 */
export default createFrontendPlugin({
  pluginId: 'mesh',
  title: 'Mesh',
  // With a title, an icon and a routed page, the plugin is an item of the app's sidebar.
  icon: <DeviceHubIcon />,
  routes: { root: meshOverviewRouteRef },
  externalRoutes: { template: templateRouteRef },
  extensions: [meshApi, entityMeshContent, entityMeshCard, meshOverviewPage],
});

/**
 * Meshport's form fields for the scaffolder: CanarySplit, JwtRules, MeshCallers, MeshScope, MeshPolicyPreview, MeshText.
 *
 * @alpha
 */
export const meshScaffolderFieldsModule = createFrontendModule({
  pluginId: 'scaffolder',
  extensions: [
    FormFieldBlueprint.make({ name: 'mesh-canary-split', params: { field: () => import('./fields/formFields').then(m => m.canarySplitFormField) } }),
    FormFieldBlueprint.make({ name: 'mesh-jwt-rules', params: { field: () => import('./fields/formFields').then(m => m.jwtRulesFormField) } }),
    FormFieldBlueprint.make({ name: 'mesh-policy-preview', params: { field: () => import('./fields/formFields').then(m => m.meshPolicyPreviewFormField) } }),
    FormFieldBlueprint.make({ name: 'mesh-callers', params: { field: () => import('./fields/formFields').then(m => m.meshCallersFormField) } }),
    FormFieldBlueprint.make({ name: 'mesh-scope', params: { field: () => import('./fields/formFields').then(m => m.meshScopeFormField) } }),
    FormFieldBlueprint.make({ name: 'mesh-text', params: { field: () => import('./fields/formFields').then(m => m.meshTextFormField) } }),
  ],
});
