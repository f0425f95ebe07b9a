export { CanarySplitField, canarySplitValidation } from './CanarySplit';
export { JwtRulesField, jwtRulesValidation } from './JwtRules';
export { MeshCallersField } from './MeshCallers';
export { MeshPolicyPreviewField, meshPolicyPreviewValidation } from './MeshPolicyPreview';
export { MeshScopeField } from './MeshScope';
export { MeshTextField, meshTextValidation } from './MeshText';
