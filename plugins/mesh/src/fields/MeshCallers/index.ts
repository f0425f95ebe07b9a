export { MeshCallersField } from './MeshCallersField';
export { dependentsOf, principalOf, rulesFor } from './callers';
export type { CallerRule } from './callers';
