import { createFormField } from '@backstage/plugin-scaffolder-react/alpha';
import { CanarySplitField, canarySplitValidation } from './CanarySplit';
import { JwtRulesField, jwtRulesValidation } from './JwtRules';
import { MeshCallersField } from './MeshCallers';
import { MeshPolicyPreviewField, meshPolicyPreviewValidation } from './MeshPolicyPreview';
import { MeshScopeField } from './MeshScope';
import { MeshTextField, meshTextValidation } from './MeshText';

/** The fields for the new frontend system's scaffolder, by the names templates use in ui:field. */
export const canarySplitFormField = createFormField({ name: 'CanarySplit', component: CanarySplitField as any, validation: canarySplitValidation as any });
export const jwtRulesFormField = createFormField({ name: 'JwtRules', component: JwtRulesField as any, validation: jwtRulesValidation as any });
export const meshCallersFormField = createFormField({ name: 'MeshCallers', component: MeshCallersField as any });
export const meshScopeFormField = createFormField({ name: 'MeshScope', component: MeshScopeField as any });
export const meshPolicyPreviewFormField = createFormField({
  name: 'MeshPolicyPreview',
  component: MeshPolicyPreviewField as any,
  validation: meshPolicyPreviewValidation as any,
});
export const meshTextFormField = createFormField({ name: 'MeshText', component: MeshTextField as any, validation: meshTextValidation as any });
