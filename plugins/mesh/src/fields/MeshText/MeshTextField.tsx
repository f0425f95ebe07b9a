import TextField from '@material-ui/core/TextField';
import type { FieldExtensionComponentProps } from '@backstage/plugin-scaffolder-react';
import { fieldRuleError } from '@meshport/plugin-mesh-common';

/**
 * A text field checked as it is typed by a rule of the Meshport model (`ui:options.rule`: dnsLabel,
 * quantity, httpPath, hostName, labelValue, headerName, duration, principal): the message under it is
 * the one mesh:render would give, before anything is created.
 */
export function MeshTextField({
  formData,
  onChange,
  schema,
  uiSchema,
  rawErrors,
  required,
  idSchema,
}: FieldExtensionComponentProps<string, { rule?: string }>) {
  const error = fieldRuleError(uiSchema?.['ui:options']?.rule ?? '', formData);
  return (
    <TextField
      id={idSchema?.$id}
      label={schema.title}
      value={formData ?? ''}
      onChange={event => onChange(event.target.value === '' ? (undefined as unknown as string) : event.target.value)}
      error={Boolean(error) || Boolean(rawErrors?.length)}
      helperText={error ?? schema.description}
      required={required}
      margin="normal"
      fullWidth
    />
  );
}
