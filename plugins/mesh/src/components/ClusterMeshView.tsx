import { WarningPanel } from '@backstage/core-components';
import Grid from '@material-ui/core/Grid';
import { ClusterMeshStatus } from '@meshport/plugin-mesh-common';
import { AfterMergeCard } from './AfterMergeCard';
import { dataPlaneReach } from './dataPlaneReach';
import { FindingsCard } from './FindingsCard';
import { TrafficGraphCard } from './graph/TrafficGraphCard';
import { HealthCard } from './HealthCard';
import { InjectionCard } from './InjectionCard';
import { OverheadCard } from './OverheadCard';
import { SecurityCard } from './SecurityCard';
import { TrafficCard } from './TrafficCard';
import { StoredPolicy } from './useStoredPolicy';

/** One cluster's part of the Mesh tab; a warning with the reason when the cluster could not be read. */
export function ClusterMeshView({
  status,
  entityRef,
  entityName,
  stored,
}: {
  status: ClusterMeshStatus;
  entityRef?: string;
  entityName: string;
  stored?: StoredPolicy;
}) {
  if (status.error) {
    return (
      <WarningPanel
        title={`Cluster ${status.cluster} could not be read`}
        message={`${status.error.message} (${status.error.reason}). The other clusters are shown.`}
      />
    );
  }
  const degraded = status.degraded ?? [];
  return (
    <Grid container spacing={2}>
      {degraded.length > 0 && (
        <Grid item xs={12}>
          <WarningPanel
            title={`Cluster ${status.cluster}: ${degraded.map(d => d.kind).join(', ')} could not be read`}
            message={degraded
              .map(d => `${d.kind}: ${d.message} (${d.reason}); incomplete: ${d.sections.join(', ')}${d.stale ? ', shown as last seen' : ''}.`)
              .join(' ')}
          />
        </Grid>
      )}
      <Grid item xs={12}>
        <TrafficGraphCard cluster={status} entityName={entityName} />
      </Grid>
      <Grid item xs={12}>
        <HealthCard health={status.health} />
      </Grid>
      <Grid item xs={12}>
        <InjectionCard workloads={status.workloads} />
      </Grid>
      <Grid item xs={12} lg={6}>
        <SecurityCard security={status.security} entityRef={entityRef} onMesh={dataPlaneReach(status.workloads) !== 'none'} />
      </Grid>
      <Grid item xs={12} lg={6}>
        <TrafficCard traffic={status.traffic} health={status.health} entityRef={entityRef} stored={stored} />
      </Grid>
      <Grid item xs={12}>
        <OverheadCard overhead={status.overhead} entityRef={entityRef} />
      </Grid>
      {status.afterMerge && (
        <Grid item xs={12}>
          <AfterMergeCard afterMerge={status.afterMerge} />
        </Grid>
      )}
      <Grid item xs={12}>
        <FindingsCard cluster={status} entityRef={entityRef} />
      </Grid>
    </Grid>
  );
}
