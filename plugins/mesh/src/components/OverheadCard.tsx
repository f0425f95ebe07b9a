import { InfoCard, LinkButton, Table, TableColumn } from '@backstage/core-components';
import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import { OverheadStatus, PodOverhead, SidecarRightSizing } from '@meshport/plugin-mesh-common';
import { cpu, memory, percent } from './format';
import { savingInWords, DataPlaneComparisonView } from './DataPlaneComparisonView';
import { rightSizingLink, useTemplateHref } from './templateLinks';

/** Sidecar and app, one under the other, so that the table keeps three columns at any width. */
function SidecarAndApp({ sidecar, app }: { sidecar?: { cpu?: number; memory?: number }; app?: { cpu?: number; memory?: number } }) {
  if (!sidecar || !app) return <>–</>;
  return (
    <>
      <div>
        sidecar: {cpu(sidecar.cpu)}, {memory(sidecar.memory)}
      </div>
      <div>
        app: {cpu(app.cpu)}, {memory(app.memory)}
      </div>
    </>
  );
}

const columns: TableColumn<PodOverhead>[] = [
  { title: 'Pod', field: 'name', cellStyle: { overflowWrap: 'anywhere', minWidth: 120 } },
  { title: 'Requested', render: p => <SidecarAndApp sidecar={p.sidecar.requests} app={p.app.requests} /> },
  { title: 'Used', render: p => <SidecarAndApp sidecar={p.usage?.sidecar} app={p.usage?.app} /> },
];

/** The sidecars' right-sizing in words, with the button to the change request when one is worth making. */
function RightSizingView({ rightSizing, entityRef }: { rightSizing: SidecarRightSizing; entityRef?: string }) {
  const templateHref = useTemplateHref();
  if (rightSizing.state === 'unknown') return <Typography variant="body2">Right-sizing: unavailable, {rightSizing.reason}.</Typography>;
  const { observed, current, recommended, saving } = rightSizing;
  const measured = `over ${rightSizing.window} the proxies of ${rightSizing.pods} pods used at most ${cpu(observed?.cpu)} (95th percentile) and ${memory(
    observed?.memory,
  )} memory`;
  if (rightSizing.state === 'fits' || !recommended) {
    return (
      <Typography variant="body2">
        Right-sizing: {measured}; the requests ({cpu(current?.cpu)}, {memory(current?.memory)}) fit.
      </Typography>
    );
  }
  const href = entityRef && templateHref(rightSizingLink(entityRef, recommended, rightSizing.pods));
  return (
    <Box aria-label="right-sizing" my={1}>
      <Typography variant="body2">
        Right-sizing: {measured}. Request {cpu(recommended.cpuRequest)} and {memory(recommended.memoryRequest)} memory (limit {memory(recommended.memoryLimit)})
        instead of {cpu(current?.cpu)} and {memory(current?.memory)}: {savingInWords(saving ?? {})} over the pods.
      </Typography>
      {href && (
        <LinkButton to={href} color="primary" variant="outlined" size="small">
          Open the right-sizing change request
        </LinkButton>
      )}
    </Box>
  );
}

/** What the sidecars cost next to the apps, requested and used, per pod and in total, and what they should request. */
export function OverheadCard({ overhead, entityRef }: { overhead: OverheadStatus; entityRef?: string }) {
  const { total, usage } = overhead;
  const usedShare = (field: 'cpu' | 'memory') =>
    usage?.sidecar[field] !== undefined && usage.app[field] ? usage.sidecar[field]! / usage.app[field]! : undefined;
  return (
    <InfoCard title="Resource overhead">
      {overhead.dataPlanes?.chosen === 'ambient' ? (
        <Typography variant="body1">
          No sidecars: the pods are in ambient mode. What they cost is their share of their nodes' ztunnels and their waypoint, below.
        </Typography>
      ) : (
        <Typography variant="body1">
          Sidecars request {cpu(total.sidecar.requests.cpu)} and {memory(total.sidecar.requests.memory)} memory: {percent(overhead.requestShare.cpu, 0)} of the
          app's CPU and {percent(overhead.requestShare.memory, 0)} of its memory.
        </Typography>
      )}
      <Typography variant="body2">
        {usage
          ? `Sidecars use ${cpu(usage.sidecar.cpu)} and ${memory(usage.sidecar.memory)}: ${percent(usedShare('cpu'), 0)} of the app's CPU use and ${percent(
              usedShare('memory'),
              0,
            )} of its memory.`
          : `Measured usage unavailable: ${overhead.usageUnavailable ?? 'no metrics'}.`}
      </Typography>
      {overhead.ifInjected && (
        <Typography variant="body2">
          Injecting the {overhead.ifInjected.pods} pods without a proxy would add {cpu(overhead.ifInjected.sidecar.requests.cpu)} and{' '}
          {memory(overhead.ifInjected.sidecar.requests.memory)} memory in requests (the mesh's injector defaults, the pods' own annotations and istio-proxy
          containers).
        </Typography>
      )}
      {overhead.rightSizing && <RightSizingView rightSizing={overhead.rightSizing} entityRef={entityRef} />}
      {overhead.dataPlanes && <DataPlaneComparisonView comparison={overhead.dataPlanes} marked="now" />}
      <Table<PodOverhead>
        options={{ paging: false, search: false, padding: 'dense', toolbar: false, tableLayout: 'auto' }}
        columns={columns}
        data={overhead.pods}
      />
    </InfoCard>
  );
}
