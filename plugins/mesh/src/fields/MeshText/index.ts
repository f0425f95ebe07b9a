import type { CustomFieldValidator } from '@backstage/plugin-scaffolder-react';
import { fieldRuleError } from '@meshport/plugin-mesh-common';

export { MeshTextField } from './MeshTextField';

/** A ui schema entry as the validation reads it. */
interface FieldUi {
  'ui:field'?: string;
  'ui:options'?: { rule?: string };
}

/**
 * The scaffolder's validation of MeshText fields, which keeps Next from going on. The scaffolder gives a
 * field its own value, a list of strings whole, or, for fields inside the items of a list of objects, the
 * whole list with the items' ui schema: each item's MeshText fields are checked then, named by position.
 */
export const meshTextValidation: CustomFieldValidator<string, { rule?: string }> = (value: unknown, validation, context) => {
  const uiSchema = (context?.uiSchema ?? {}) as FieldUi & Record<string, unknown>;
  const rule = uiSchema['ui:options']?.rule ?? '';
  const items = Array.isArray(value) ? value : [value];
  items.forEach((item, index) => {
    const where = Array.isArray(value) ? `item ${index + 1}` : '';
    if (item === null || typeof item !== 'object') {
      const error = fieldRuleError(rule, item);
      if (error) validation.addError(where ? `${where}: ${error}` : error);
      return;
    }
    for (const [field, entry] of Object.entries(uiSchema)) {
      const ui = entry as FieldUi | undefined;
      if (ui?.['ui:field'] !== 'MeshText') continue;
      const error = fieldRuleError(ui['ui:options']?.rule ?? '', (item as Record<string, unknown>)[field]);
      if (error) validation.addError(`${where}, ${field}: ${error}`);
    }
  });
};
