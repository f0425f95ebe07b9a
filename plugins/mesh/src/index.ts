/**
 * Meshport's frontend plugin: the Mesh tab and card on catalog entity pages.
 *
 * @packageDocumentation
 */
export {
  meshPlugin,
  EntityMeshContent,
  EntityMeshCard,
  MeshOverviewPage,
  CanarySplitFieldExtension,
  JwtRulesFieldExtension,
  MeshCallersFieldExtension,
  MeshScopeFieldExtension,
  MeshPolicyPreviewFieldExtension,
} from './plugin';
export { isMeshAvailable } from './components/isMeshAvailable';
export { MeshClient, meshApiRef } from './api/MeshApi';
export type { MeshApi } from './api/MeshApi';
