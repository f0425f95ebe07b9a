import type { CustomFieldValidator } from '@backstage/plugin-scaffolder-react';
import { previewProblems, PreviewValue } from './policyPreview';

export { MeshPolicyPreviewField } from './MeshPolicyPreviewField';
export { previewPolicy } from './policyPreview';
export type { PolicyPreview } from './policyPreview';

/** The scaffolder's validation: the form goes on only once the preview renders and every caller losing access is ticked. */
export const meshPolicyPreviewValidation: CustomFieldValidator<Partial<PreviewValue> | undefined> = (value, validation) => {
  for (const problem of previewProblems(value)) validation.addError(problem);
};
