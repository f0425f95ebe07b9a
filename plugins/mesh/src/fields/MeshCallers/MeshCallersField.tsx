import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { Progress } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { catalogApiRef } from '@backstage/plugin-catalog-react';
import type { FieldExtensionComponentProps } from '@backstage/plugin-scaffolder-react';
import Box from '@material-ui/core/Box';
import Checkbox from '@material-ui/core/Checkbox';
import FormControl from '@material-ui/core/FormControl';
import FormControlLabel from '@material-ui/core/FormControlLabel';
import FormHelperText from '@material-ui/core/FormHelperText';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import { useEffect, useRef } from 'react';
import useAsync from 'react-use/esm/useAsync';
import { CallerRule, dependentsOf, principalOf, rulesFor } from './callers';
import { commaList } from '../commaList';

/** The lists of an allowed caller's rule the field edits, comma-separated. */
const RULE_LISTS = [
  { field: 'methods', label: 'Methods' },
  { field: 'paths', label: 'Paths' },
] as const;

/**
 * The catalog components allowed to call this one (by default those that dependsOn it), turned into
 * principals from their namespace and service account; methods and paths per caller are optional.
 */
export function MeshCallersField({ formData, onChange, schema, formContext, rawErrors, idSchema }: FieldExtensionComponentProps<CallerRule[]>) {
  const id = idSchema?.$id ?? 'callers';
  const catalogApi = useApi(catalogApiRef);
  const targetRef: string | undefined = (formContext as any)?.formData?.entity;
  const {
    value: components,
    loading,
    error,
  } = useAsync(
    async () => (await catalogApi.getEntities({ filter: { kind: 'Component' } })).items.filter(c => stringifyEntityRef(c) !== targetRef),
    [catalogApi, targetRef],
  );
  // The form gives an untouched array field [] rather than nothing: choose the dependents once, on first
  // load, when nothing is chosen yet; after that an empty choice is the user's.
  const defaulted = useRef(false);
  useEffect(() => {
    if (defaulted.current || !components) return;
    defaulted.current = true;
    if (!formData || formData.length === 0) onChange(rulesFor(dependentsOf(components, targetRef)));
  }, [formData, components, targetRef, onChange]);

  if (loading) return <Progress />;
  if (error) return <FormHelperText error>The catalog could not be read: {error.message}</FormHelperText>;
  const rules = formData ?? [];
  const chosen = (entity: Entity) => rules.some(rule => rule.principals.includes(principalOf(entity)));
  const toggle = (entity: Entity) => {
    const next = (components ?? []).filter(c => (c === entity ? !chosen(c) : chosen(c)));
    onChange(rulesFor(next, rules));
  };
  const edit = (principal: string, patch: Partial<CallerRule>) =>
    onChange(rules.map(rule => (rule.principals.includes(principal) ? { ...rule, ...patch } : rule)));
  return (
    <FormControl margin="normal" error={Boolean(rawErrors?.length)} fullWidth>
      <Typography variant="subtitle1">{schema.title ?? 'Allowed callers'}</Typography>
      <FormHelperText>{schema.description ?? 'Everything else is denied. Components that depend on this one are chosen for you.'}</FormHelperText>
      {(components ?? []).map((entity, index) => {
        const principal = principalOf(entity);
        const rule = rules.find(r => r.principals.includes(principal));
        return (
          <Box key={stringifyEntityRef(entity)}>
            <FormControlLabel control={<Checkbox checked={Boolean(rule)} onChange={() => toggle(entity)} />} label={`${entity.metadata.name} (${principal})`} />
            {rule && (
              <Box display="flex" style={{ gap: 8 }} ml={4}>
                {RULE_LISTS.map(({ field, label }) => (
                  <TextField
                    key={field}
                    id={`${id}-${index}-${field}`}
                    label={`${label} (empty: any)`}
                    value={(rule[field] ?? []).join(', ')}
                    onChange={e => edit(principal, { [field]: commaList(e.target.value) })}
                    margin="dense"
                  />
                ))}
              </Box>
            )}
          </Box>
        );
      })}
    </FormControl>
  );
}
