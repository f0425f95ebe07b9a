import { InfoCard, Progress, ResponseErrorPanel } from '@backstage/core-components';
import Typography from '@material-ui/core/Typography';
import { ClusterMeshStatus, WorkloadsStatus } from '@meshport/plugin-mesh-common';
import { percent } from './format';
import { useEntityMeshStatus } from './useEntityMeshStatus';

/** The pods on the mesh: injected, in ambient mode, or both. */
export function meshedInWords(workloads: WorkloadsStatus): string {
  const { injectedPods, ambientPods, totalPods } = workloads;
  if (ambientPods === 0) return `${injectedPods}/${totalPods} pods injected`;
  if (injectedPods === 0) return `${ambientPods}/${totalPods} pods ambient`;
  return `${injectedPods}/${totalPods} pods injected, ${ambientPods} ambient`;
}

function summary(cluster: ClusterMeshStatus): string {
  if (cluster.error) return `${cluster.cluster}: could not be read (${cluster.error.reason})`;
  const modes = [...new Set(cluster.security.mtls.flatMap(w => w.ports.filter(p => p.port === '*').map(p => p.mode)))];
  const errors = cluster.health.state === 'ok' ? `errors ${percent(cluster.health.overall?.errorShare, 1)}` : `health ${cluster.health.state}`;
  const problems = cluster.findings.filter(f => f.level !== 'info').length;
  return [
    `${cluster.cluster}: ${meshedInWords(cluster.workloads)}`,
    `mTLS ${modes.join('/') || 'n/a'}`,
    errors,
    `sidecars ${percent(cluster.overhead.requestShare.cpu, 0)} of app CPU`,
    `${problems} finding${problems === 1 ? '' : 's'} to fix`,
  ].join(' · ');
}

/** The Mesh card for the overview tab: one line per cluster. */
export function EntityMeshCard() {
  const { value: status, loading, error } = useEntityMeshStatus();
  return (
    <InfoCard title="Mesh" deepLink={{ link: 'mesh', title: 'Mesh tab' }}>
      {loading && !status && <Progress />}
      {error && <ResponseErrorPanel error={error} />}
      {status && status.clusters.length === 0 && <Typography variant="body2">No mesh data for this entity.</Typography>}
      {status?.clusters.map(cluster => (
        <Typography key={cluster.cluster} variant="body2">
          {summary(cluster)}
        </Typography>
      ))}
    </InfoCard>
  );
}
