/**
 * The Meshport demo portal's permission policy: everything is allowed, except that a component's mesh
 * configuration may only be changed by the component's owners.
 *
 * @packageDocumentation
 */
export { meshportDemoPermissionPolicyModule as default, MeshportDemoPermissionPolicy } from './module';
