import { callerName, CallerCheck, HealthAssessment, TrafficEdge } from '@meshport/plugin-mesh-common';
import { percent, requestRate } from '../format';

/** How an edge stands by the entity's error-rate thresholds: no 5xx worth a word, degraded, failing; refused calls fail; known but unseen is idle. */
export type EdgeHealth = 'healthy' | 'degraded' | 'failing' | 'idle';

/** A box of the traffic graph: the entity, a workload calling it, or what it calls. */
export interface GraphNode {
  id: string;
  /** The name people know it by: the catalog entity where known, else the workload or service. */
  name: string;
  /** What it is to the entity. */
  role: 'self' | 'caller' | 'callee';
  /** Its identity or address, for the hover text. */
  hover?: string;
}

/** An arrow of the traffic graph: calls seen, or a caller only known from the policies or the catalog. */
export interface GraphEdge {
  from: string;
  to: string;
  label: string;
  health: EdgeHealth;
  /** Calls were seen on it; false for callers only the policies or the catalog name. */
  seen: boolean;
  /** All of its calls were accepted over mutual TLS. */
  mtls: boolean;
}

const SELF = 'self';

/** An edge's health by the thresholds (Kiali's defaults without an assessment). */
export function edgeHealth(edge: TrafficEdge, thresholds: HealthAssessment['thresholds'] = { degradedPercent: 0.1, failingPercent: 20 }): EdgeHealth {
  if (edge.via === 'BlackHoleCluster') return 'failing';
  const errors = (edge.errorShare ?? 0) * 100;
  if (errors >= thresholds.failingPercent) return 'failing';
  if (errors >= thresholds.degradedPercent) return 'degraded';
  return 'healthy';
}

function edgeLabel(edge: TrafficEdge): string {
  if (edge.via === 'BlackHoleCluster') return `${requestRate(edge.requestRate)} refused (no route)`;
  if (edge.via === 'PassthroughCluster') return `${requestRate(edge.requestRate)} left the mesh unmanaged`;
  const figures = `${requestRate(edge.requestRate)} · ${percent(edge.errorShare, 1)} errors`;
  if (edge.mtlsShare === undefined) return figures;
  return `${figures} · ${edge.mtlsShare >= 0.999 ? 'mTLS' : `${percent(edge.mtlsShare, 0)} mTLS`}`;
}

/**
 * The entity's traffic as a graph: its callers and what it calls from the metrics' edges (rate, 5xx share and
 * mTLS on each, coloured by the error-rate thresholds), and the callers the ALLOW policies admit or the
 * catalog says depend on it that were not seen calling, drawn apart. A caller is named by its catalog entity
 * where the catalog knows its principal, its workload otherwise; its principal is the hover text.
 */
export function trafficGraph(input: { entityName: string; edges: TrafficEdge[]; callers: CallerCheck[]; thresholds?: HealthAssessment['thresholds'] }): {
  nodes: GraphNode[];
  edges: GraphEdge[];
} {
  const nodes = new Map<string, GraphNode>([[SELF, { id: SELF, name: input.entityName, role: 'self' }]]);
  const byPrincipal = new Map(input.callers.filter(c => c.entityRef).map(c => [c.principal, c.entityRef]));
  const edges: GraphEdge[] = [];
  for (const edge of input.edges) {
    const health = edgeHealth(edge, input.thresholds);
    const common = { label: edgeLabel(edge), health, seen: true, mtls: (edge.mtlsShare ?? 0) >= 0.999 };
    if (edge.direction === 'inbound') {
      const id = `in:${edge.source.namespace}/${edge.source.workload}`;
      const known = edge.source.principal ? byPrincipal.get(edge.source.principal) : undefined;
      nodes.set(id, {
        id,
        name: edge.source.principal ? callerName(edge.source.principal, known) : `${edge.source.workload} (namespace ${edge.source.namespace})`,
        role: 'caller',
        hover: edge.source.principal ?? 'no mTLS identity',
      });
      edges.push({ from: id, to: SELF, ...common });
    } else {
      const id = `out:${edge.destination.namespace ?? ''}/${edge.destination.service}`;
      const name = edge.destination.namespace ? `${edge.destination.service} (${edge.destination.namespace})` : edge.destination.service;
      nodes.set(id, { id, name, role: 'callee', hover: `from ${edge.source.namespace}/${edge.source.workload}` });
      edges.push({ from: SELF, to: id, ...common });
    }
  }
  const seenPrincipals = new Set(input.edges.filter(e => e.direction === 'inbound').map(e => e.source.principal));
  for (const caller of input.callers.filter(c => !c.observed && !seenPrincipals.has(c.principal))) {
    const id = `known:${caller.principal}`;
    nodes.set(id, { id, name: callerName(caller.principal, caller.entityRef), role: 'caller', hover: caller.principal });
    const why = [caller.allowed ? 'allowed' : 'not allowed', caller.dependsOn ? 'depends on it in the catalog' : undefined].filter(Boolean).join(', ');
    edges.push({ from: id, to: SELF, label: `no calls seen · ${why}`, health: caller.allowed ? 'idle' : 'failing', seen: false, mtls: false });
  }
  return { nodes: [...nodes.values()], edges };
}
