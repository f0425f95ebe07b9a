import { InfoCard } from '@backstage/core-components';
import Typography from '@material-ui/core/Typography';
import { HEALTH_RANK } from '@meshport/plugin-mesh-common';
import { percent, requestRate } from '../format';
import { MeshGraph, MeshGraphNode } from '../graph/MeshGraph';
import { GraphEdge } from '../graph/trafficGraph';
import { OverviewRow } from './overviewRows';

/**
 * The mesh by namespace: a box per namespace with its components, an arrow per namespace that calls
 * another (requests per second and 5xx share added up over the components it calls, coloured by the worst
 * health of those components).
 */
export function namespaceGraph(rows: OverviewRow[]): { nodes: MeshGraphNode[]; edges: GraphEdge[] } {
  const components = new Map<string, string[]>();
  const edges = new Map<string, { from: string; to: string; requests: number; errors: number; worst: OverviewRow['health'] }>();
  for (const row of rows) {
    const namespace = row.namespace ?? 'default';
    components.set(namespace, [...(components.get(namespace) ?? []), row.name]);
    for (const caller of row.callers) {
      if (!components.has(caller.namespace)) components.set(caller.namespace, []);
      const key = `${caller.namespace}->${namespace}`;
      const edge = edges.get(key) ?? { from: caller.namespace, to: namespace, requests: 0, errors: 0, worst: 'idle' as const };
      edge.requests += caller.requestRate;
      edge.errors += caller.requestRate * (caller.errorShare ?? 0);
      if (HEALTH_RANK[row.health] < HEALTH_RANK[edge.worst]) edge.worst = row.health;
      edges.set(key, edge);
    }
  }
  return {
    nodes: [...components].map(([namespace, names]) => ({
      id: namespace,
      name: namespace,
      subtitle: names.length > 0 ? names.join(', ') : 'calls the mesh',
      hover: `namespace ${namespace}`,
    })),
    edges: [...edges.values()].map(edge => ({
      from: edge.from,
      to: edge.to,
      label: `${requestRate(edge.requests)} · ${percent(edge.requests > 0 ? edge.errors / edge.requests : undefined, 1)} errors`,
      health: edge.worst === 'failing' || edge.worst === 'degraded' ? edge.worst : 'healthy',
      seen: true,
      mtls: false,
    })),
  };
}

/** The overview's picture of the mesh: namespaces and the calls between them. */
export function NamespaceGraph({ rows }: { rows: OverviewRow[] }) {
  const graph = namespaceGraph(rows.filter(row => row.onboarded || row.callers.length > 0));
  return (
    <InfoCard
      title="Calls between namespaces"
      subheader="from Istio's metrics over the last 5 minutes; arrows coloured by the health of the components they call"
    >
      {graph.edges.length === 0 ? (
        <Typography variant="body2">No calls between namespaces were measured: no cluster has a Prometheus, or nothing called.</Typography>
      ) : (
        <MeshGraph label="namespace graph" nodes={graph.nodes} edges={graph.edges} />
      )}
    </InfoCard>
  );
}
