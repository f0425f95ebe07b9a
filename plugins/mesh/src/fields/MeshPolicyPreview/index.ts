export { MeshPolicyPreviewField } from './MeshPolicyPreviewField';
export { previewPolicy } from './policyPreview';
export type { PolicyPreview } from './policyPreview';
