import { InfoCard, StatusError, StatusOK, StatusWarning, Table, TableColumn } from '@backstage/core-components';
import Typography from '@material-ui/core/Typography';
import { PodMeshStatus, WorkloadsStatus } from '@meshport/plugin-mesh-common';

function ProxyReadiness({ pod }: { pod: PodMeshStatus }) {
  if (!pod.proxy) return <>–</>;
  return pod.proxy.ready ? <StatusOK>ready</StatusOK> : <StatusWarning>not ready</StatusWarning>;
}

const columns: TableColumn<PodMeshStatus>[] = [
  { title: 'Pod', field: 'name' },
  { title: 'Version', field: 'version' },
  {
    title: 'Proxy',
    render: pod => (pod.proxy ? `${pod.proxy.mode === 'native' ? 'native sidecar' : 'istio-proxy container'} ${pod.proxy.version ?? ''}` : <StatusError>no proxy</StatusError>),
  },
  { title: 'Proxy ready', render: pod => <ProxyReadiness pod={pod} /> },
  { title: 'Restarts', field: 'restarts', type: 'numeric' },
];

/** Pods injected of total, proxy versions, not-ready proxies, and each pod. */
export function InjectionCard({ workloads }: { workloads: WorkloadsStatus }) {
  const namespaces = workloads.namespaces.map(ns => `${ns.name}: ${ns.injection === 'revision' ? `revision ${ns.revision}` : ns.injection}`).join(', ');
  return (
    <InfoCard title="Sidecar injection">
      <Typography variant="h6">
        {workloads.injectedPods} of {workloads.totalPods} pods injected
      </Typography>
      <Typography variant="body2">Proxy versions: {workloads.proxyVersions.join(', ') || 'none'}</Typography>
      <Typography variant="body2">Namespace injection: {namespaces || 'unknown'}</Typography>
      <Typography variant="body2">
        Controllers: {workloads.controllers.map(c => `${c.kind} ${c.name} (${c.readyReplicas}/${c.replicas} ready)`).join(', ') || 'none found'}
      </Typography>
      {workloads.notReadyProxies > 0 && <StatusWarning>{workloads.notReadyProxies} proxies not ready</StatusWarning>}
      <Table<PodMeshStatus> options={{ paging: false, search: false, padding: 'dense', toolbar: false }} columns={columns} data={workloads.pods} />
    </InfoCard>
  );
}
