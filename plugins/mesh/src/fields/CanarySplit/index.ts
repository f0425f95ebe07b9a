import type { CustomFieldValidator } from '@backstage/plugin-scaffolder-react';
import { canaryWeightError } from './canaryWeights';

export { CanarySplitField } from './CanarySplitField';
export { canaryWeightError } from './canaryWeights';

/** The scaffolder's validation: the error names the field's rule. */
export const canarySplitValidation: CustomFieldValidator<number> = (value, validation) => {
  const error = canaryWeightError(value);
  if (error) validation.addError(`Canary weight ${error}`);
};
