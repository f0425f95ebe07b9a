import { InfoCard, StatusError, StatusOK, StatusPending, StatusWarning, Table, TableColumn } from '@backstage/core-components';
import Typography from '@material-ui/core/Typography';
import { AfterMergeStatus, ObjectDrift } from '@meshport/plugin-mesh-common';

function StateMark({ drift }: { drift: ObjectDrift }) {
  if (drift.state === 'applied') return <StatusOK>applied</StatusOK>;
  if (drift.state === 'drifted') return <StatusError>drifted: {drift.differences?.join(', ')}</StatusError>;
  if (drift.state === 'not-applied') return <StatusWarning>merged, not in the cluster</StatusWarning>;
  return <StatusPending>not read by the status</StatusPending>;
}

const columns: TableColumn<ObjectDrift>[] = [
  { title: 'File', field: 'file', cellStyle: { overflowWrap: 'anywhere' } },
  { title: 'Object', render: d => `${d.kind} ${d.namespace ? `${d.namespace}/` : ''}${d.name}` },
  { title: 'In the cluster', render: d => <StateMark drift={d} /> },
];

/** What became of the merged configuration: each object of Meshport's files on the target branch, against this cluster. */
export function AfterMergeCard({ afterMerge }: { afterMerge: AfterMergeStatus }) {
  const drifted = afterMerge.objects.filter(o => o.state === 'drifted' || o.state === 'not-applied').length;
  return (
    <InfoCard title="After the merge">
      {afterMerge.error && <Typography variant="body2">Unknown: {afterMerge.error}.</Typography>}
      {!afterMerge.error && afterMerge.objects.length === 0 && (
        <Typography variant="body2">Nothing of this service is merged on the GitOps target branch yet ({afterMerge.commit?.slice(0, 12)}).</Typography>
      )}
      {!afterMerge.error && afterMerge.objects.length > 0 && (
        <>
          <Typography variant="body2">
            The GitOps target branch at {afterMerge.commit?.slice(0, 12)}: {afterMerge.objects.length} objects,{' '}
            {drifted === 0 ? 'all as merged' : `${drifted} not as merged`}.
          </Typography>
          {(afterMerge.controllers ?? []).map(c => (
            <Typography variant="body2" key={`${c.kind}/${c.namespace}/${c.name}`}>
              {c.kind === 'Application' ? 'Argo CD Application' : 'Flux Kustomization'} {c.namespace}/{c.name} (path "{c.path}"):{' '}
              {c.kind === 'Application' ? `${c.sync ?? 'sync unknown'}, ${c.health ?? 'health unknown'}` : `Ready ${c.ready ?? 'unknown'}`}
              {c.revision ? ` at ${c.revision}` : ''}
              {c.message ? ` (${c.message})` : ''}
            </Typography>
          ))}
          <Table<ObjectDrift> options={{ paging: false, search: false, padding: 'dense', toolbar: false }} columns={columns} data={afterMerge.objects} />
        </>
      )}
    </InfoCard>
  );
}
