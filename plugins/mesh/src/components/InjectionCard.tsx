import { InfoCard, StatusError, StatusOK, StatusWarning, Table, TableColumn } from '@backstage/core-components';
import Typography from '@material-ui/core/Typography';
import { count } from './format';
import { NamespaceInjection, PodMeshStatus, WaypointStatus, WorkloadsStatus } from '@meshport/plugin-mesh-common';

/** A sidecar's readiness, or an ambient pod's: redirected by the CNI agent and a ready ztunnel on its node. */
function Readiness({ pod }: { pod: PodMeshStatus }) {
  if (pod.ambient) {
    if (!pod.ambient.redirected) return <StatusWarning>not redirected yet</StatusWarning>;
    if (!pod.ambient.ztunnel) return <StatusError>no ztunnel on {pod.ambient.node ?? 'its node'}</StatusError>;
    return pod.ambient.ztunnel.ready ? <StatusOK>ready</StatusOK> : <StatusWarning>ztunnel not ready</StatusWarning>;
  }
  if (!pod.proxy) return <>–</>;
  return pod.proxy.ready ? <StatusOK>ready</StatusOK> : <StatusWarning>not ready</StatusWarning>;
}

function WaypointReadiness({ waypoint }: { waypoint: WaypointStatus }) {
  if (!waypoint.exists) return <StatusError>no such Gateway: its traffic is not served</StatusError>;
  if (waypoint.readyPods === 0) return <StatusWarning>no ready pod</StatusWarning>;
  return (
    <StatusOK>
      {waypoint.readyPods} of {waypoint.pods} pods ready
    </StatusOK>
  );
}

/** A proxy's configuration sync as istiod reports it. */
function SyncMark({ pod }: { pod: PodMeshStatus }) {
  const sync = pod.proxy?.sync;
  if (!sync) return <>–</>;
  if (sync.state === 'synced') return <StatusOK>synced</StatusOK>;
  if (sync.state === 'stale') return <StatusError>stale: {sync.stale?.join(', ')}</StatusError>;
  return <StatusWarning>not sent</StatusWarning>;
}

function dataPlaneOf(pod: PodMeshStatus) {
  if (pod.proxy) return `${pod.proxy.mode === 'native' ? 'native sidecar' : 'istio-proxy container'} ${pod.proxy.version ?? ''}`;
  if (pod.ambient) return `ambient: ${pod.ambient.ztunnel?.name ?? 'ztunnel'} on ${pod.ambient.node ?? 'an unknown node'}`;
  return <StatusError>no proxy</StatusError>;
}

/** Long names wrap anywhere, so that no column is pushed off a 1024-pixel screen. */
const wrap = { overflowWrap: 'anywhere', wordBreak: 'break-word' } as const;

/** The pod table's four columns, each cell stacking what belongs together, so that nothing is cut at 1024 pixels. */
const columns: TableColumn<PodMeshStatus>[] = [
  {
    title: 'Pod',
    field: 'name',
    cellStyle: { ...wrap, minWidth: 140 },
    render: pod => (
      <>
        <div>{pod.name}</div>
        {pod.version && <Typography variant="caption">version {pod.version}</Typography>}
      </>
    ),
  },
  {
    title: 'Data plane',
    cellStyle: wrap,
    render: pod => (
      <>
        <div>{dataPlaneOf(pod)}</div>
        {pod.ambient?.waypoint && <Typography variant="caption">waypoint {pod.ambient.waypoint}</Typography>}
      </>
    ),
  },
  {
    title: 'Ready and in sync',
    cellStyle: wrap,
    render: pod => (
      <>
        <div>
          <Readiness pod={pod} />
        </div>
        {pod.proxy?.sync && (
          <div>
            <SyncMark pod={pod} />
          </div>
        )}
      </>
    ),
  },
  { title: 'Restarts', field: 'restarts', type: 'numeric', cellStyle: { whiteSpace: 'nowrap' } },
];

const INJECTION: Record<NamespaceInjection['injection'], string> = {
  label: 'sidecar injection on (istio-injection=enabled)',
  revision: 'sidecar injection by revision',
  disabled: 'sidecar injection turned off (istio-injection=disabled)',
  off: 'no sidecar injection label',
};

/** A namespace's enrollment in words: its injection label, and ambient mode with its waypoint. */
export function namespaceInWords(ns: NamespaceInjection): string {
  const injection = ns.injection === 'revision' ? `${INJECTION.revision} ${ns.revision}` : INJECTION[ns.injection];
  const ambient = ns.ambient ? `ambient mode${ns.useWaypoint ? ` through the waypoint ${ns.useWaypoint}` : ''}` : undefined;
  const parts = ambient && ns.injection === 'off' ? [ambient] : [injection, ambient].filter(Boolean);
  return `namespace ${ns.name}: ${parts.join(', ')}`;
}

function headline(workloads: WorkloadsStatus): string {
  const sidecars = `${workloads.injectedPods} of ${workloads.totalPods} pods injected`;
  const ztunnel = `${workloads.ambientPods} of ${workloads.totalPods} pods in ambient mode`;
  if (workloads.dataPlane === 'mixed') return `Mixed: ${sidecars}, ${workloads.ambientPods} in ambient mode`;
  return workloads.dataPlane === 'ambient' ? ztunnel : sidecars;
}

/** Each pod's data plane (its sidecar, or its ztunnel and waypoint), the namespaces' enrollment, and the waypoints. */
export function InjectionCard({ workloads }: { workloads: WorkloadsStatus }) {
  const namespaces = workloads.namespaces.map(namespaceInWords).join('; ');
  const stale = workloads.staleProxies ?? 0;
  return (
    <InfoCard title="Data plane">
      <Typography variant="h6">{headline(workloads)}</Typography>
      {workloads.injectedPods > 0 && <Typography variant="body2">Proxy versions: {workloads.proxyVersions.join(', ') || 'none'}</Typography>}
      <Typography variant="body2">Enrollment: {namespaces || 'unknown'}</Typography>
      <Typography variant="body2">
        Controllers: {workloads.controllers.map(c => `${c.kind} ${c.name} (${c.readyReplicas}/${c.replicas} ready)`).join(', ') || 'none found'}
      </Typography>
      {workloads.waypoints.map(w => (
        <Typography variant="body2" key={`${w.namespace}/${w.name}`}>
          Waypoint {w.namespace}/{w.name} (for {w.for}, by the {w.boundBy}'s istio.io/use-waypoint): <WaypointReadiness waypoint={w} />
        </Typography>
      ))}
      {workloads.notReadyProxies > 0 && <StatusError>{count(workloads.notReadyProxies, 'proxy', 'proxies')} not ready</StatusError>}
      {stale > 0 && (
        <StatusError>
          {count(stale, 'proxy', 'proxies')} {stale === 1 ? 'has' : 'have'} not taken istiod's latest configuration
        </StatusError>
      )}
      {workloads.proxySyncUnavailable && <Typography variant="body2">Config sync unknown: {workloads.proxySyncUnavailable}.</Typography>}
      {workloads.proxySyncSource && (
        <Typography variant="caption" display="block">
          Config sync from {workloads.proxySyncSource}.
        </Typography>
      )}
      {workloads.ambientNotReady > 0 && (
        <StatusWarning>{count(workloads.ambientNotReady, 'ambient pod')} not redirected or without a ready ztunnel</StatusWarning>
      )}
      <Table<PodMeshStatus>
        options={{ paging: false, search: false, padding: 'dense', toolbar: false, tableLayout: 'auto' }}
        columns={columns}
        data={workloads.pods}
      />
    </InfoCard>
  );
}
