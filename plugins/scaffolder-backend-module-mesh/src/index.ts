/**
 * Scaffolder actions that render Meshport policies into a GitOps repository and open the change request.
 *
 * @packageDocumentation
 */
export { scaffolderModuleMesh as default } from './module';
