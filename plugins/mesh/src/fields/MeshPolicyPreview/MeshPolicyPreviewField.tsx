import { Progress } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { catalogApiRef } from '@backstage/plugin-catalog-react';
import type { FieldExtensionComponentProps } from '@backstage/plugin-scaffolder-react';
import Box from '@material-ui/core/Box';
import FormHelperText from '@material-ui/core/FormHelperText';
import Typography from '@material-ui/core/Typography';
import { formatCpu, formatMemory } from '@meshport/plugin-mesh-common';
import { useMemo } from 'react';
import useAsync from 'react-use/esm/useAsync';
import { DataPlaneComparisonView } from '../../components/DataPlaneComparisonView';
import { previewPolicy } from './policyPreview';

/**
 * As the form is filled: the manifests the template will propose (per file), the analyzer findings and
 * what sidecars and ambient would each cost, computed in the browser. `ui:options.template` names the template ("mesh-onboard-service").
 */
export function MeshPolicyPreviewField({ formContext, uiSchema }: FieldExtensionComponentProps<unknown, { template?: string }>) {
  const catalogApi = useApi(catalogApiRef);
  const contextFormData = (formContext as any)?.formData as Record<string, unknown> | undefined;
  const formData = useMemo(() => contextFormData ?? {}, [contextFormData]);
  const templateName = uiSchema?.['ui:options']?.template ?? 'mesh-onboard-service';
  const entityRef = typeof formData.entity === 'string' ? formData.entity : undefined;
  const { value, loading, error } = useAsync(
    async () => ({
      template: await catalogApi.getEntityByRef(`template:default/${templateName}`),
      entity: entityRef ? await catalogApi.getEntityByRef(entityRef) : undefined,
    }),
    [catalogApi, templateName, entityRef],
  );
  const preview = useMemo(() => (value?.template ? previewPolicy(value.template, value.entity, formData) : undefined), [value, formData]);
  if (loading) return <Progress />;
  if (error) return <FormHelperText error>The preview could not be computed: {error.message}</FormHelperText>;
  if (!preview) return <FormHelperText error>The template {templateName} is not in the catalog.</FormHelperText>;
  if (!preview.ok) {
    return (
      <Box aria-label="policy preview">
        <Typography variant="subtitle1">Not ready to preview</Typography>
        <ul>
          {preview.errors.map(e => (
            <li key={`${e.field}-${e.message}`}>
              <FormHelperText error>
                {e.field}: {e.message}
              </FormHelperText>
            </li>
          ))}
        </ul>
      </Box>
    );
  }
  const { overhead } = preview;
  return (
    <Box aria-label="policy preview">
      <Typography variant="subtitle1">What the change request will propose</Typography>
      {preview.dataPlanes.chosen === 'sidecar' && (
        <Typography variant="body2">
          Sidecar cost for {overhead.replicas} pods: requests {formatCpu(overhead.total.sidecar.requests.cpu ?? 0)} CPU and {formatMemory(overhead.total.sidecar.requests.memory ?? 0)} memory.
        </Typography>
      )}
      <DataPlaneComparisonView comparison={preview.dataPlanes} marked="chosen" />
      <Typography variant="body2">Findings: {preview.findings.length === 0 ? 'none' : preview.findings.map(f => `${f.level} ${f.code} (${f.resource})`).join('; ')}</Typography>
      {preview.files.map(file => (
        <Box key={file.path} mt={1}>
          <Typography variant="caption">{file.path}</Typography>
          <pre style={{ fontSize: 12, overflowX: 'auto', margin: 0 }}>{file.content}</pre>
        </Box>
      ))}
    </Box>
  );
}
