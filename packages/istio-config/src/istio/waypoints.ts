import type { AnalyzedObject } from '../objects/kinds';

/**
 * Where an ambient pod's waypoint binding comes from (Istio's order: the Service's label, else the pod's, else the namespace's).
 *
 * @public
 */
export type WaypointBinding = 'service' | 'pod' | 'namespace';

/** @public */
export const USE_WAYPOINT_LABEL = 'istio.io/use-waypoint';
export const USE_WAYPOINT_NAMESPACE_LABEL = 'istio.io/use-waypoint-namespace';
/**
 * The label Istio's ztunnel DaemonSet gives its pods.
 *
 * @public
 */
export const ZTUNNEL_POD_LABEL = 'app=ztunnel';

/**
 * A pod of Istio's ztunnel DaemonSet.
 *
 * @public
 */
export function isZtunnelPod(pod: AnalyzedObject): boolean {
  return pod.kind === 'Pod' && `app=${pod.metadata.labels?.app}` === ZTUNNEL_POD_LABEL;
}

/**
 * A waypoint a label names, and where the label is.
 *
 * @public
 */
export interface WaypointRef {
  name: string;
  namespace: string;
  boundBy: WaypointBinding;
}

/**
 * The waypoint an object's `istio.io/use-waypoint` names: `none` opts out of an inherited one.
 *
 * @public
 */
export function waypointLabel(labels: Record<string, string> | undefined, namespace: string, boundBy: WaypointBinding): WaypointRef | 'none' | undefined {
  const name = labels?.[USE_WAYPOINT_LABEL];
  if (!name) return undefined;
  if (name === 'none') return 'none';
  return { name, namespace: labels?.[USE_WAYPOINT_NAMESPACE_LABEL] || namespace, boundBy };
}

/**
 * Every waypoint the entity's labels name (its Services', its pods', its namespaces'), for the store to fetch.
 *
 * @public
 */
export function namedWaypoints(pods: AnalyzedObject[], services: AnalyzedObject[], namespaces: AnalyzedObject[]): Array<{ namespace: string; name: string }> {
  const refs = [
    ...services.map(s => waypointLabel(s.metadata.labels, s.metadata.namespace ?? 'default', 'service')),
    ...pods.map(p => waypointLabel(p.metadata.labels, p.metadata.namespace ?? 'default', 'pod')),
    ...namespaces.map(ns => waypointLabel(ns.metadata.labels, ns.metadata.name, 'namespace')),
  ].filter((ref): ref is WaypointRef => ref !== undefined && ref !== 'none');
  return [...new Map(refs.map(ref => [`${ref.namespace}/${ref.name}`, { namespace: ref.namespace, name: ref.name }])).values()];
}
