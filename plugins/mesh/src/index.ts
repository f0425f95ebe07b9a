/**
 * Meshport's frontend plugin: the Mesh tab and card on catalog entity pages.
 *
 * @packageDocumentation
 */

export { type MeshApi, meshApiRef, MeshClient } from './api/MeshApi';
export { isMeshAvailable } from './components/isMeshAvailable';
export type { JwtRulesValue } from './fields/JwtRules/jwtRules';
export type { CallerRule } from './fields/MeshCallers/callers';
export type { ProxyScope } from './fields/MeshScope/scope';
export type { PreviewValue } from './fields/MeshPolicyPreview/policyPreview';
export {
  CanarySplitFieldExtension,
  EntityMeshCard,
  EntityMeshContent,
  JwtRulesFieldExtension,
  MeshCallersFieldExtension,
  MeshOverviewPage,
  meshPlugin,
  MeshPolicyPreviewFieldExtension,
  MeshScopeFieldExtension,
  MeshTextFieldExtension,
} from './plugin';
