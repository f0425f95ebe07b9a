import { stringifyEntityRef } from '@backstage/catalog-model';
import { Content, InfoCard, Link, Progress, ResponseErrorPanel, StatusOK, Table, TableColumn } from '@backstage/core-components';
import { useApi, useRouteRef } from '@backstage/core-plugin-api';
import { catalogApiRef, CATALOG_FILTER_EXISTS, entityRouteParams, entityRouteRef } from '@backstage/plugin-catalog-react';
import Typography from '@material-ui/core/Typography';
import { HEALTH_RANK, HealthState, KUBERNETES_ID_ANNOTATION } from '@meshport/plugin-mesh-common';
import { Finding } from '@meshport/istio-config';
import { Severity } from '../attention/attentionItems';
import { SeverityMark } from '../attention/SeverityMark';
import { NamespaceGraph } from './NamespaceGraph';
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

const HEALTH_MARK: Record<HealthState, Severity | 'ok'> = { failing: 'error', degraded: 'warning', unknown: 'info', healthy: 'ok', idle: 'info' };

/** What a component's proxies cost, one line each: the sidecars' requests, ambient against them, what right-sizing frees. */
function CostCell({ row }: { row: OverviewRow }) {
  const ambient = row.dataPlaneRequests && {
    cpu: (row.dataPlaneRequests.sidecar.cpu ?? 0) - (row.dataPlaneRequests.ambient.cpu ?? 0),
    memory: (row.dataPlaneRequests.sidecar.memory ?? 0) - (row.dataPlaneRequests.ambient.memory ?? 0),
  };
  return (
    <>
      <div>
        {row.sidecarCpuMillicores > 0
          ? `sidecars: ${cpu(row.sidecarCpuMillicores)}, ${memory(row.sidecarMemoryBytes)} (${percent(row.sidecarCpuShare, 0)} of app CPU)`
          : 'no sidecars'}
      </div>
      {ambient && <Typography variant="caption">ambient {savingInWords(ambient)}</Typography>}
      {row.sidecarSaving && (
        <Typography variant="caption" display="block">
          right-sizing frees {cpu(row.sidecarSaving.cpu)}, {memory(row.sidecarSaving.memory)}
        </Typography>
      )}
    </>
  );
}

/** A component's health in colour and words: its state and its 5xx share; why it could not be read. */
function HealthCell({ row }: { row: OverviewRow }) {
  if (row.problem) return <SeverityMark severity="error">{row.problem}</SeverityMark>;
  let words: string = row.health === 'idle' ? 'no requests' : row.health;
  if (row.errorShare !== undefined) words = `${row.health}, ${percent(row.errorShare, 1)} errors`;
  const mark = HEALTH_MARK[row.health];
  return mark === 'ok' ? <StatusOK>{words}</StatusOK> : <SeverityMark severity={mark}>{words}</SeverityMark>;
}

/** Nothing was read of it: a cluster that did not answer says nothing about its pods. */
const unread = (row: OverviewRow) => Boolean(row.problem) && row.totalPods === 0;

function mtlsCell(row: OverviewRow): string {
  if (unread(row)) return 'unknown';
  if (!row.onboarded) return 'none: no proxy';
  return row.strictMtls ? 'STRICT' : 'not strict everywhere';
}

function meshCell(row: OverviewRow): string {
  if (unread(row)) return 'unknown';
  if (!row.onboarded) return `not on the mesh (${row.totalPods} pods)`;
  const parts = [row.injectedPods > 0 ? `${row.injectedPods} sidecar` : undefined, row.ambientPods > 0 ? `${row.ambientPods} ambient` : undefined];
  return `${parts.filter(Boolean).join(', ')} of ${row.totalPods} pods`;
}

const wrap = { overflowWrap: 'anywhere' } as const;

const FINDING_LEVEL: Record<Finding['level'], number> = { error: 0, warning: 1, info: 2 };

/** Worst finding first: errors, then warnings, then notes, then none; more of them first within a level. */
const findingRank = (row: OverviewRow) => (row.worstFinding ? FINDING_LEVEL[row.worstFinding.level] * 1000 - row.findingCount : 4000);

const columns: TableColumn<OverviewRow>[] = [
  {
    title: 'Component',
    field: 'name',
    cellStyle: wrap,
    render: row => (
      <>
        <MeshTabLink row={row} />
        {row.namespace && (
          <Typography variant="caption" display="block">
            namespace {row.namespace}
          </Typography>
        )}
      </>
    ),
  },
  {
    title: 'Health',
    field: 'health',
    cellStyle: { minWidth: 100 },
    customSort: (a, b) => HEALTH_RANK[a.health] - HEALTH_RANK[b.health],
    render: row => <HealthCell row={row} />,
  },
  {
    title: 'On the mesh',
    field: 'injectedPods',
    customSort: (a, b) => Number(a.onboarded) - Number(b.onboarded) || Number(a.strictMtls) - Number(b.strictMtls),
    render: row => (
      <>
        <div>{meshCell(row)}</div>
        <Typography variant="caption">mTLS: {mtlsCell(row)}</Typography>
      </>
    ),
  },
  {
    title: 'Findings',
    field: 'findingCount',
    customSort: (a, b) => findingRank(a) - findingRank(b),
    render: row =>
      row.worstFinding ? (
        <SeverityMark severity={row.worstFinding.level}>
          {row.findingCount}, worst {row.worstFinding.code}
        </SeverityMark>
      ) : (
        'none'
      ),
  },
  {
    title: 'Drift',
    field: 'drifted',
    type: 'numeric',
    render: row => (row.drifted > 0 ? <SeverityMark severity="warning">{row.drifted} not as in Git</SeverityMark> : 'none'),
  },
  {
    title: 'Cost',
    field: 'sidecarCpuMillicores',
    type: 'numeric',
    cellStyle: { minWidth: 120 },
    render: row => <CostCell row={row} />,
  },
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
          {cpu(summary.sidecarCpuMillicores)} and {memory(summary.sidecarMemoryBytes)} memory in total.
        </Typography>
        {summary.rightSizing.length > 0 && (
          <Typography variant="body1" aria-label="right-sizing savings">
            Right-sizing the sidecars would free {cpu(summary.rightSizingTotal.cpu)} and {memory(summary.rightSizingTotal.memory)} memory in requests; the most:{' '}
            {summary.rightSizing
              .slice(0, 3)
              .map(row => `${row.name} (${memory(row.sidecarSaving?.memory)})`)
              .join(', ')}
            .
          </Typography>
        )}
        {summary.priced > 0 && (
          <Typography variant="body1" aria-label="mesh-wide data plane cost">
            Over the {summary.priced} components with pods: sidecars everywhere would request {cpu(summary.allSidecar.cpu)} and{' '}
            {memory(summary.allSidecar.memory)} memory; ambient everywhere {cpu(summary.allAmbient.cpu)} and {memory(summary.allAmbient.memory)} memory (ztunnel
            shares and waypoints). Moving every namespace to ambient{' '}
            {savingInWords({ cpu: summary.allSidecar.cpu - summary.allAmbient.cpu, memory: summary.allSidecar.memory - summary.allAmbient.memory })} in
            requests.
          </Typography>
        )}
      </InfoCard>
      <NamespaceGraph rows={rows ?? []} />
      <Table<OverviewRow>
        title="Components"
        options={{ paging: false, search: true, sorting: true, padding: 'dense', tableLayout: 'auto' }}
        columns={columns}
        data={[...(rows ?? [])].sort((a, b) => HEALTH_RANK[a.health] - HEALTH_RANK[b.health] || findingRank(a) - findingRank(b))}
      />
    </Content>
  );
}
