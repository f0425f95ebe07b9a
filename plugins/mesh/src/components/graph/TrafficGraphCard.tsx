import { InfoCard } from '@backstage/core-components';
import Typography from '@material-ui/core/Typography';
import { ClusterMeshStatus } from '@meshport/plugin-mesh-common';
import { MeshGraph } from './MeshGraph';
import { GraphNode, trafficGraph } from './trafficGraph';

const ROLE: Record<GraphNode['role'], string> = { self: 'this service', caller: 'calls it', callee: 'it calls' };

/** The Mesh tab's picture of the service's traffic, for one cluster: callers left, the service, what it calls right. */
export function TrafficGraphCard({ cluster, entityName }: { cluster: ClusterMeshStatus; entityName: string }) {
  if (!cluster.traffic.edges && !cluster.security.callers) {
    return (
      <InfoCard title="Traffic graph">
        <Typography variant="body2">No traffic to draw: {cluster.health.reason ?? 'Prometheus has no figures for this service'}.</Typography>
      </InfoCard>
    );
  }
  const graph = trafficGraph({
    entityName,
    edges: cluster.traffic.edges ?? [],
    callers: cluster.security.callers ?? [],
    thresholds: cluster.health.assessment?.thresholds,
  });
  return (
    <InfoCard title="Traffic graph" subheader={`over the last ${cluster.health.window}; arrows coloured by their 5xx share, dashed where no call was seen`}>
      {graph.edges.length === 0 ? (
        <Typography variant="body2">No calls to or from this service over the last {cluster.health.window}, and no caller is allowed or known.</Typography>
      ) : (
        <MeshGraph
          label="traffic graph"
          nodes={graph.nodes.map(node => ({ ...node, subtitle: ROLE[node.role], filled: node.role === 'self' }))}
          edges={graph.edges}
        />
      )}
    </InfoCard>
  );
}
