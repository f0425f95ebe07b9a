import { Progress } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { catalogApiRef } from '@backstage/plugin-catalog-react';
import type { FieldExtensionComponentProps } from '@backstage/plugin-scaffolder-react';
import Box from '@material-ui/core/Box';
import FormHelperText from '@material-ui/core/FormHelperText';
import Typography from '@material-ui/core/Typography';
import { parseEntityRef } from '@backstage/catalog-model';
import Checkbox from '@material-ui/core/Checkbox';
import FormControlLabel from '@material-ui/core/FormControlLabel';
import { AccessChange, describeAccessChange, FileChange, fileChanges, formatCpu, formatMemory, observedCallersOf } from '@meshport/plugin-mesh-common';
import { MergedFiles } from '@meshport/plugin-mesh-common';
import { meshApiRef } from '../../api/MeshApi';
import { useEffect, useMemo } from 'react';
import useAsync from 'react-use/esm/useAsync';
import { DataPlaneComparisonView } from '../../components/DataPlaneComparisonView';
import { previewPolicy, PreviewValue, previewValue, storedPolicyOf } from './policyPreview';

/** Meshport's record of a folder, which the action writes with the files (its digests are computed there). */
const FOLDER_RECORD = 'meshport-owned.yaml';

/**
 * The preview's files as changes to what the GitOps target branch holds: added ones in full, changed ones
 * as their line diff, unchanged ones by name, and Meshport's own files the change would remove; the files
 * in full, with the reason, when the branch could not be read.
 */
function PreviewFiles({ files, merged, unavailable }: { files: Array<{ path: string; content: string }>; merged?: MergedFiles; unavailable?: string }) {
  const pre = { fontSize: 12, overflowX: 'auto' as const, margin: 0 };
  if (!merged) {
    return (
      <>
        {unavailable && <Typography variant="body2">Not compared with the GitOps branch: {unavailable}</Typography>}
        {files.map(file => (
          <Box key={file.path} mt={1}>
            <Typography variant="caption">{file.path}</Typography>
            <pre style={pre}>{file.content}</pre>
          </Box>
        ))}
      </>
    );
  }
  const changes = fileChanges(files, new Map(merged.files.map(file => [file.path, file.content])));
  const count = (change: FileChange['change']) => changes.filter(c => c.change === change).length;
  const contents = new Map(files.map(file => [file.path, file.content]));
  return (
    <Box aria-label="changes to the GitOps branch">
      <Typography variant="body2">
        Against {merged.folder} on {merged.branch ? `branch ${merged.branch}` : 'the GitOps target branch'} ({merged.commit.slice(0, 12)}): {count('added')}{' '}
        added, {count('changed')} changed, {count('removed')} removed, {count('unchanged')} unchanged; and {FOLDER_RECORD}, Meshport&apos;s record of the
        folder&apos;s owner and of the files it wrote, written with them.
      </Typography>
      {changes.map(change => (
        <Box key={change.path} mt={1}>
          <Typography variant="caption">
            {change.path} ({change.change})
          </Typography>
          {change.change === 'added' && <pre style={pre}>{contents.get(change.path)}</pre>}
          {change.change === 'changed' && <pre style={pre}>{change.diff ?? '(too large to show line by line)'}</pre>}
        </Box>
      ))}
    </Box>
  );
}

/**
 * Who keeps access: each caller Meshport knows of (named by a policy, seen in Prometheus, depending on the
 * service in the catalog), those who lose it first, in words; a tick-box for each that loses it.
 */
function AccessView({ access, confirmed, onConfirm }: { access: AccessChange[]; confirmed: string[]; onConfirm: (caller: string, meant: boolean) => void }) {
  if (access.length === 0) return null;
  const losing = access.filter(change => change.before === 'allow' && change.after === 'deny');
  const ordered = [...losing, ...access.filter(change => !losing.includes(change))];
  return (
    <Box aria-label="who keeps access" mt={1}>
      <Typography variant="body2">
        {losing.length === 0
          ? 'Who keeps access: every caller Meshport knows of keeps the access it has.'
          : `Who keeps access: ${
              new Set(losing.map(change => change.caller)).size
            } caller(s) would lose access. Tick each one that is meant, or change the form; the change cannot be created until then.`}
      </Typography>
      <ul>
        {ordered.map(change => (
          <li key={`${change.caller} ${change.request}`}>
            <Typography variant="body2" color={losing.includes(change) ? 'error' : 'textPrimary'}>
              {describeAccessChange(change)}; known as: {change.why}
            </Typography>
          </li>
        ))}
      </ul>
      {[...new Set(losing.map(change => change.caller))].map(caller => (
        <FormControlLabel
          key={caller}
          control={<Checkbox checked={confirmed.includes(caller)} onChange={event => onConfirm(caller, event.target.checked)} />}
          label={`${caller} may lose access`}
        />
      ))}
    </Box>
  );
}

/**
 * As the form is filled: the manifests the template will propose (per file), the analyzer findings and
 * what sidecars and ambient would each cost, computed in the browser; the files as changes to what the
 * GitOps target branch holds for the entity. `ui:options.template` names the template ("mesh-onboard-service").
 */
export function MeshPolicyPreviewField({
  formContext,
  uiSchema,
  formData: value,
  onChange,
  rawErrors,
}: FieldExtensionComponentProps<Partial<PreviewValue> | undefined, { template?: string }>) {
  const catalogApi = useApi(catalogApiRef);
  const meshApi = useApi(meshApiRef);
  const contextFormData = (formContext as any)?.formData as Record<string, unknown> | undefined;
  const formData = useMemo(() => contextFormData ?? {}, [contextFormData]);
  const templateName = uiSchema?.['ui:options']?.template ?? 'mesh-onboard-service';
  const entityRef = typeof formData.entity === 'string' ? formData.entity : undefined;
  const {
    value: loaded,
    loading,
    error,
  } = useAsync(
    async () => ({
      template: await catalogApi.getEntityByRef(`template:default/${templateName}`),
      entity: entityRef ? await catalogApi.getEntityByRef(entityRef) : undefined,
    }),
    [catalogApi, templateName, entityRef],
  );
  // What the GitOps target branch holds for the entity: the policy the form is laid over, and what the preview's files change.
  const merged = useAsync(async () => (entityRef ? meshApi.getMergedFiles(parseEntityRef(entityRef)) : undefined), [meshApi, entityRef]);
  const stored = useMemo(() => storedPolicyOf(merged.value?.files), [merged.value]);
  // Who the status saw calling, and the catalog's dependents: the preview asks about them too (none when the status cannot be read).
  const status = useAsync(async () => (entityRef ? meshApi.getEntityStatus(parseEntityRef(entityRef)) : undefined), [meshApi, entityRef]);
  const observed = useMemo(() => observedCallersOf(status.value), [status.value]);
  const preview = useMemo(
    () =>
      loaded?.template && !merged.loading && !status.loading
        ? previewPolicy(loaded.template, loaded.entity, formData, stored, merged.value?.files, observed)
        : undefined,
    [loaded, formData, stored, merged.loading, merged.value, status.loading, observed],
  );
  // The field's value is what the preview found: the validation keeps Next and Create from going on while it holds a problem.
  const confirmed = useMemo(() => value?.confirmAccessLoss ?? [], [value]);
  const next = useMemo(() => previewValue(preview, confirmed), [preview, confirmed]);
  useEffect(() => {
    if (JSON.stringify(next) !== JSON.stringify(value)) onChange(next);
  }, [next, value, onChange]);
  const onConfirm = (caller: string, meant: boolean) =>
    onChange({ ...next, confirmAccessLoss: meant ? [...confirmed, caller] : confirmed.filter(c => c !== caller) });
  if (loading) return <Progress />;
  if (error) return <FormHelperText error>The preview could not be computed: {error.message}</FormHelperText>;
  if (!loaded?.template) return <FormHelperText error>The template {templateName} is not in the catalog.</FormHelperText>;
  if (!preview) return <Progress />;
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
      <ul aria-label="the change in words">
        {preview.words.map(sentence => (
          <li key={sentence}>
            <Typography variant="body2">{sentence}</Typography>
          </li>
        ))}
      </ul>
      {preview.dataPlanes.chosen === 'sidecar' && (
        <Typography variant="body2">
          Sidecar cost for {overhead.replicas} pods: requests {formatCpu(overhead.total.sidecar.requests.cpu ?? 0)} CPU and{' '}
          {formatMemory(overhead.total.sidecar.requests.memory ?? 0)} memory.
        </Typography>
      )}
      <DataPlaneComparisonView comparison={preview.dataPlanes} marked="chosen" />
      <Typography variant="body2">
        Findings: {preview.findings.length === 0 ? 'none' : preview.findings.map(f => `${f.level} ${f.code} (${f.resource})`).join('; ')}
      </Typography>
      <AccessView access={preview.access} confirmed={confirmed} onConfirm={onConfirm} />
      {(rawErrors ?? []).map(message => (
        <FormHelperText key={message} error>
          {message}
        </FormHelperText>
      ))}
      <PreviewFiles files={preview.files} merged={merged.value} unavailable={merged.error?.message} />
    </Box>
  );
}
