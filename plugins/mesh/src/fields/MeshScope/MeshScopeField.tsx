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
import useAsync from 'react-use/esm/useAsync';
import { commaList } from '../commaList';
import { calleesOf, ProxyScope, scopeHostOf, scopeInWords } from './scope';

/**
 * The proxy's egress scope, off until asked for: when on, the hosts of what the service calls by the
 * catalog (its dependsOn components, the providers of the APIs it consumes) are chosen, and more hosts
 * (ServiceEntries) can be added; the field says what the scope leaves out.
 */
export function MeshScopeField({ formData, onChange, schema, formContext, rawErrors, idSchema }: FieldExtensionComponentProps<ProxyScope | undefined>) {
  const id = idSchema?.$id ?? 'scope';
  const catalogApi = useApi(catalogApiRef);
  const targetRef: string | undefined = (formContext as any)?.formData?.entity;
  const { value, loading, error } = useAsync(async () => {
    const components = (await catalogApi.getEntities({ filter: { kind: 'Component' } })).items.filter(c => stringifyEntityRef(c) !== targetRef);
    const target = targetRef ? await catalogApi.getEntityByRef(targetRef) : undefined;
    return { components: components.filter(c => scopeHostOf(c)), target };
  }, [catalogApi, targetRef]);
  if (loading) return <Progress />;
  if (error) return <FormHelperText error>The catalog could not be read: {error.message}</FormHelperText>;
  const components = value?.components ?? [];
  const namespace = value?.target?.metadata.annotations?.['backstage.io/kubernetes-namespace'];
  const catalogHosts = new Set(components.map(c => scopeHostOf(c)!));
  const scope = formData?.hosts ? formData : undefined;
  const enable = (on: boolean) => onChange(on ? { hosts: calleesOf(components, value?.target).map(c => scopeHostOf(c)!) } : undefined);
  const toggle = (entity: Entity) => {
    const host = scopeHostOf(entity)!;
    const hosts = scope!.hosts.includes(host) ? scope!.hosts.filter(h => h !== host) : [...scope!.hosts, host];
    onChange({ hosts });
  };
  const extra = (scope?.hosts ?? []).filter(h => !catalogHosts.has(h));
  return (
    <FormControl margin="normal" error={Boolean(rawErrors?.length)} fullWidth>
      <FormControlLabel
        control={<Checkbox checked={Boolean(scope)} onChange={e => enable(e.target.checked)} />}
        label={schema.title ?? 'Limit the proxies to what the service calls'}
      />
      <FormHelperText>{schema.description}</FormHelperText>
      {scope && (
        <Box ml={4} aria-label="proxy scope">
          {components.map(entity => (
            <Box key={stringifyEntityRef(entity)}>
              <FormControlLabel
                control={<Checkbox checked={scope.hosts.includes(scopeHostOf(entity)!)} onChange={() => toggle(entity)} />}
                label={`${entity.metadata.name} (${scopeHostOf(entity)})`}
              />
            </Box>
          ))}
          <TextField
            id={`${id}-extra`}
            label='More hosts, e.g. "orders/api.shipping.example.com" for a ServiceEntry in orders'
            value={extra.join(', ')}
            onChange={e => onChange({ hosts: [...scope.hosts.filter(h => catalogHosts.has(h)), ...commaList(e.target.value)] })}
            margin="dense"
            fullWidth
          />
          <Typography variant="body2">{scopeInWords(scope, components, namespace)}</Typography>
        </Box>
      )}
    </FormControl>
  );
}
