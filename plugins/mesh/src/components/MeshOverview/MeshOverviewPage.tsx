import { stringifyEntityRef } from '@backstage/catalog-model';
import { Content, InfoCard, Link, Progress, ResponseErrorPanel, Table, TableColumn } from '@backstage/core-components';
import { useApi, useRouteRef } from '@backstage/core-plugin-api';
import { catalogApiRef, CATALOG_FILTER_EXISTS, entityRouteParams, entityRouteRef } from '@backstage/plugin-catalog-react';
import Typography from '@material-ui/core/Typography';
import { KUBERNETES_ID_ANNOTATION } from '@meshport/plugin-mesh-common';
import useAsync from 'react-use/esm/useAsync';
import { meshApiRef } from '../../api/MeshApi';
import { savingInWords } from '../DataPlaneComparisonView';
import { cpu, memory, percent } from '../format';
import { overviewRow, OverviewRow, overviewSummary } from './overviewRows';

/** A component's name, linked to its Mesh tab through the catalog's entity route. */
function MeshTabLink({ row }: { row: OverviewRow }) {
  const entityRoute = useRouteRef(entityRouteRef);
  return <Link to={`${entityRoute(entityRouteParams(row.entityRef))}/mesh`}>{row.name}</Link>;
}

const columns: TableColumn<OverviewRow>[] = [
  { title: 'Component', field: 'name', render: row => <MeshTabLink row={row} /> },
  { title: 'Namespace', field: 'namespace' },
  { title: 'Injected pods', field: 'injectedPods', type: 'numeric', render: row => `${row.injectedPods}/${row.totalPods}` },
  { title: 'Ambient pods', field: 'ambientPods', type: 'numeric', render: row => `${row.ambientPods}/${row.totalPods}` },
  { title: 'Strict mTLS', field: 'strictMtls', type: 'boolean' },
  { title: 'Sidecar CPU', field: 'sidecarCpuMillicores', type: 'numeric', render: row => cpu(row.sidecarCpuMillicores) },
  { title: 'Sidecar memory', field: 'sidecarMemoryBytes', type: 'numeric', render: row => memory(row.sidecarMemoryBytes) },
  { title: 'Share of app CPU', field: 'sidecarCpuShare', type: 'numeric', render: row => percent(row.sidecarCpuShare, 0) },
  {
    title: 'Ambient against sidecars',
    render: row =>
      row.dataPlaneRequests
        ? savingInWords({
            cpu: (row.dataPlaneRequests.sidecar.cpu ?? 0) - (row.dataPlaneRequests.ambient.cpu ?? 0),
            memory: (row.dataPlaneRequests.sidecar.memory ?? 0) - (row.dataPlaneRequests.ambient.memory ?? 0),
          })
        : '–',
  },
  {
    title: 'Right-sizing frees',
    field: 'sidecarSaving',
    type: 'numeric',
    customSort: (a, b) => (a.sidecarSaving?.memory ?? 0) - (b.sidecarSaving?.memory ?? 0),
    render: row => (row.sidecarSaving ? `${cpu(row.sidecarSaving.cpu)} CPU, ${memory(row.sidecarSaving.memory)}` : '–'),
  },
  {
    title: 'Worst finding',
    field: 'findingCount',
    type: 'numeric',
    render: row => (row.worstFinding ? `${row.worstFinding.level} ${row.worstFinding.code} (${row.findingCount})` : 'none'),
  },
  { title: 'Problem', field: 'problem' },
];

/** The most entities one summaries request asks about. */
const SUMMARY_BATCH = 200;

/** Every component with mesh data: coverage, cost and findings, sortable and searchable. */
export function MeshOverviewPage() {
  const catalogApi = useApi(catalogApiRef);
  const meshApi = useApi(meshApiRef);
  const {
    value: rows,
    loading,
    error,
  } = useAsync(async () => {
    const { items } = await catalogApi.getEntities({
      filter: { kind: 'Component', [`metadata.annotations.${KUBERNETES_ID_ANNOTATION}`]: CATALOG_FILTER_EXISTS },
    });
    const collected: OverviewRow[] = [];
    for (let i = 0; i < items.length; i += SUMMARY_BATCH) {
      const batch = items.slice(i, i + SUMMARY_BATCH);
      const answers = new Map((await meshApi.getSummaries(batch.map(e => stringifyEntityRef(e)))).map(a => [a.entityRef, a]));
      for (const entity of batch) {
        const answer = answers.get(stringifyEntityRef(entity));
        collected.push(
          overviewRow(entity, answer?.summary ? { summary: answer.summary } : { error: new Error(answer?.error?.message ?? 'no summary in the answer') }),
        );
      }
    }
    return collected;
  }, [catalogApi, meshApi]);
  if (loading) return <Progress />;
  if (error) return <ResponseErrorPanel error={error} />;
  const summary = overviewSummary(rows ?? []);
  return (
    <Content>
      <InfoCard title="Mesh coverage">
        <Typography variant="body1">
          {summary.onboarded} of {summary.components} components on the mesh; {summary.strictMtls} of {summary.onboarded} with strict mTLS; sidecars request{' '}
          {cpu(summary.sidecarCpuMillicores)} CPU and {memory(summary.sidecarMemoryBytes)} memory in total.
        </Typography>
        {summary.rightSizing.length > 0 && (
          <Typography variant="body1" aria-label="right-sizing savings">
            Right-sizing the sidecars would free {cpu(summary.rightSizingTotal.cpu)} CPU and {memory(summary.rightSizingTotal.memory)} memory in requests; the
            most:{' '}
            {summary.rightSizing
              .slice(0, 3)
              .map(row => `${row.name} (${memory(row.sidecarSaving?.memory)})`)
              .join(', ')}
            .
          </Typography>
        )}
        {summary.priced > 0 && (
          <Typography variant="body1" aria-label="mesh-wide data plane cost">
            Over the {summary.priced} components with pods: sidecars everywhere would request {cpu(summary.allSidecar.cpu)} CPU and{' '}
            {memory(summary.allSidecar.memory)} memory; ambient everywhere {cpu(summary.allAmbient.cpu)} CPU and {memory(summary.allAmbient.memory)} memory
            (ztunnel shares and waypoints). Moving every namespace to ambient{' '}
            {savingInWords({ cpu: summary.allSidecar.cpu - summary.allAmbient.cpu, memory: summary.allSidecar.memory - summary.allAmbient.memory })} in
            requests.
          </Typography>
        )}
      </InfoCard>
      <Table<OverviewRow> title="Components" options={{ paging: false, search: true, sorting: true, padding: 'dense' }} columns={columns} data={rows ?? []} />
    </Content>
  );
}
