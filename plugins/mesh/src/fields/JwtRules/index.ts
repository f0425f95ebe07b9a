import type { CustomFieldValidator } from '@backstage/plugin-scaffolder-react';
import { jwtRulesErrors, JwtRulesValue } from './jwtRules';

export { JwtRulesField } from './JwtRulesField';
export { jwtRulesErrors } from './jwtRules';
export type { JwtRulesValue } from './jwtRules';

/** The scaffolder's validation: one error per field, named. */
export const jwtRulesValidation: CustomFieldValidator<JwtRulesValue> = (value, validation) => {
  for (const [field, message] of Object.entries(jwtRulesErrors(value))) validation.addError(`${field}: ${message}`);
};
