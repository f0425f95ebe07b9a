import type { TrafficEdge } from '@meshport/plugin-mesh-common';
import type { Sample } from './health';

/** The labels of one call edge as the destination's proxy reports it. */
export const EDGE_LABELS = 'source_workload_namespace, source_workload, source_principal, destination_service_namespace, destination_service_name';

/**
 * The PromQL of the mesh's call edges over a window: every source workload against every destination
 * service, from the destination's proxy (reporter="destination": the side that terminates mTLS, so
 * `connection_security_policy` is what it accepted), and the same edges' 5xx answers.
 *
 * @public
 */
export function edgeQueries(window: string) {
  const rate = (extra = '') => `rate(istio_requests_total{reporter="destination"${extra}}[${window}])`;
  return {
    edges: `sum by (${EDGE_LABELS}, connection_security_policy) (${rate()})`,
    edgeErrors: `sum by (${EDGE_LABELS}) (${rate(',response_code=~"5.."')})`,
  } as const;
}

/**
 * The mesh's call edges, indexed by destination service ("namespace/name") and by source workload ("namespace/name").
 *
 * @public
 */
export interface EdgeIndex {
  byDestination: Map<string, MeasuredEdge[]>;
  bySource: Map<string, MeasuredEdge[]>;
}

/**
 * A call edge as measured, before it is seen from one end.
 *
 * @public
 */
export type MeasuredEdge = Omit<TrafficEdge, 'direction'>;

/** "namespace/name": how the fleet's answers index services and workloads. */
export const keyOf = (namespace: string | undefined, name: string | undefined) => `${namespace ?? ''}/${name ?? ''}`;

/** The principal without its spiffe:// scheme, as AuthorizationPolicies name it; undefined for Istio's "unknown". */
function principalOf(label: string | undefined): string | undefined {
  if (!label || label === 'unknown') return undefined;
  return label.replace(/^spiffe:\/\//, '');
}

/**
 * Folds the edge samples (one per edge and security policy) into one edge each, with its rate, 5xx share
 * and mutual-TLS share.
 *
 * @public
 */
export function indexEdges(edges: Sample[], edgeErrors: Sample[]): EdgeIndex {
  const folded = new Map<string, { edge: MeasuredEdge; mtls: number; errors: number }>();
  const at = (labels: Record<string, string>) => {
    const key = EDGE_LABELS.split(', ')
      .map(label => labels[label] ?? '')
      .join('\u0000');
    let entry = folded.get(key);
    if (!entry) {
      const principal = principalOf(labels.source_principal);
      entry = {
        edge: {
          source: {
            namespace: labels.source_workload_namespace || 'unknown',
            workload: labels.source_workload || 'unknown',
            ...(principal ? { principal } : {}),
          },
          destination: { namespace: labels.destination_service_namespace || 'unknown', service: labels.destination_service_name || 'unknown' },
          requestRate: 0,
        },
        mtls: 0,
        errors: 0,
      };
      folded.set(key, entry);
    }
    return entry;
  };
  for (const sample of edges) {
    const entry = at(sample.labels);
    entry.edge.requestRate += sample.value;
    if (sample.labels.connection_security_policy === 'mutual_tls') entry.mtls += sample.value;
  }
  for (const sample of edgeErrors) at(sample.labels).errors += sample.value;
  const index: EdgeIndex = { byDestination: new Map(), bySource: new Map() };
  const add = (map: Map<string, MeasuredEdge[]>, key: string, edge: MeasuredEdge) => {
    const list = map.get(key);
    if (list) list.push(edge);
    else map.set(key, [edge]);
  };
  for (const { edge, mtls, errors } of folded.values()) {
    if (!(edge.requestRate > 0)) continue;
    const whole: MeasuredEdge = { ...edge, errorShare: errors / edge.requestRate, mtlsShare: mtls / edge.requestRate };
    add(index.byDestination, keyOf(edge.destination.namespace, edge.destination.service), whole);
    add(index.bySource, keyOf(edge.source.namespace, edge.source.workload), whole);
  }
  return index;
}

/**
 * The entity's edges: who calls its Services, and which services its workloads call, each once (a call
 * from the entity to itself is both).
 *
 * @public
 */
export function entityTrafficEdges(
  index: EdgeIndex,
  services: Array<{ namespace: string; name: string }>,
  workloads: Array<{ namespace: string; name: string }>,
): TrafficEdge[] {
  const seen = new Set<MeasuredEdge>();
  const pick = (map: Map<string, MeasuredEdge[]>, refs: Array<{ namespace: string; name: string }>, direction: TrafficEdge['direction']): TrafficEdge[] =>
    [...new Set(refs.map(ref => keyOf(ref.namespace, ref.name)))]
      .flatMap(key => map.get(key) ?? [])
      .filter(edge => !seen.has(edge) && seen.add(edge))
      .sort((a, b) => b.requestRate - a.requestRate)
      .map(edge => ({ direction, ...edge }));
  return [...pick(index.byDestination, services, 'inbound'), ...pick(index.bySource, workloads, 'outbound')];
}

/**
 * Who called the entity's Services, by principal ("unknown" without mTLS), requests per second: the edges into them added up.
 *
 * @public
 */
export function callersFromEdges(edges: MeasuredEdge[]): Array<{ principal: string; rate: number }> {
  const byPrincipal = new Map<string, number>();
  for (const edge of edges) {
    const principal = edge.source.principal ?? 'unknown';
    byPrincipal.set(principal, (byPrincipal.get(principal) ?? 0) + edge.requestRate);
  }
  return [...byPrincipal].map(([principal, rate]) => ({ principal, rate })).sort((a, b) => a.principal.localeCompare(b.principal));
}

/**
 * The calls the entity's workloads made that the mesh did not route to a service (refused, or let out),
 * as edges to the host asked for.
 *
 * @public
 */
export function refusedEdges(
  calls: Array<{ source: string; host: string; cluster: 'BlackHoleCluster' | 'PassthroughCluster' | 'service'; rate: number }>,
): TrafficEdge[] {
  type Refused = (typeof calls)[number] & { cluster: 'BlackHoleCluster' | 'PassthroughCluster' };
  return calls
    .filter((call): call is Refused => call.cluster !== 'service' && call.rate > 0)
    .map(call => {
      const [namespace, workload] = call.source.split('/');
      const local = /^([a-z0-9-]{1,63})\.([a-z0-9-]{1,63})\.svc(\.|$)/.exec(call.host);
      return {
        direction: 'outbound' as const,
        source: { namespace, workload },
        destination: local ? { namespace: local[2], service: local[1] } : { service: call.host },
        requestRate: call.rate,
        via: call.cluster,
      };
    });
}
