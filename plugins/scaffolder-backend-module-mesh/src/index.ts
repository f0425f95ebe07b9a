/**
 * Scaffolder actions that render Meshport policies into a GitOps repository and open the change request.
 *
 * @packageDocumentation
 */
export { scaffolderModuleMesh as default } from './module';
export { createMeshRenderAction } from './actions/render';
export { createMeshGitopsCheckoutAction } from './actions/checkout';
export { createMeshGitopsPullRequestAction } from './actions/pullRequest';
export { createMeshGitOpsContext } from './gitops/context';
export type { MeshGitOpsContext } from './gitops/context';
export { CatalogEntityAccess } from './gitops/entityAccess';
export type { EntityAccess, MeshTarget } from './gitops/entityAccess';
export { renderToFolder } from './render/renderToFolder';
export type { RenderRequest, RenderOutcome } from './render/renderToFolder';
