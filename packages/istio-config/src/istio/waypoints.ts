import type { AnalyzedObject } from '../objects/kinds';
import { selectorMatches } from './selectors';

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

/**
 * Which traffic a waypoint takes (`istio.io/waypoint-for`).
 *
 * @public
 */
export type WaypointTraffic = 'service' | 'workload' | 'all' | 'none';

/** @public */
export const WAYPOINT_FOR_LABEL = 'istio.io/waypoint-for';

/** The first binding that says anything: an explicit `none` ends the search with no waypoint. */
function firstBinding(...bindings: Array<WaypointRef | 'none' | undefined>): WaypointRef | undefined {
  const found = bindings.find(binding => binding !== undefined);
  return found === 'none' ? undefined : found;
}

/**
 * Which traffic a waypoint Gateway takes (`istio.io/waypoint-for`, service when unset).
 *
 * @public
 */
export function waypointFor(gateway: AnalyzedObject | undefined): WaypointTraffic {
  const value = gateway?.metadata.labels?.[WAYPOINT_FOR_LABEL];
  return value === 'workload' || value === 'all' || value === 'none' ? value : 'service';
}

/**
 * What a waypoint lookup reads: the namespaces (for their use-waypoint labels) and the waypoint Gateways.
 *
 * @public
 */
export interface WaypointInputs {
  namespaces: AnalyzedObject[];
  waypoints: AnalyzedObject[];
}

function namespaceLabels(namespace: string, inputs: WaypointInputs) {
  return inputs.namespaces.find(ns => ns.metadata.name === namespace)?.metadata.labels;
}

function gatewayFor(ref: WaypointRef, inputs: WaypointInputs) {
  return waypointFor(inputs.waypoints.find(g => g.metadata.name === ref.name && g.metadata.namespace === ref.namespace));
}

/**
 * The waypoint traffic to a Service goes through: its label, else its namespace's, when that waypoint is for services.
 *
 * @public
 */
export function serviceWaypoint(service: AnalyzedObject, inputs: WaypointInputs): WaypointRef | undefined {
  const namespace = service.metadata.namespace ?? 'default';
  const ref = firstBinding(
    waypointLabel(service.metadata.labels, namespace, 'service'),
    waypointLabel(namespaceLabels(namespace, inputs), namespace, 'namespace'),
  );
  return ref && ['service', 'all'].includes(gatewayFor(ref, inputs)) ? ref : undefined;
}

/** The Services that select a pod. */
function servicesOf(pod: AnalyzedObject, services: AnalyzedObject[]): AnalyzedObject[] {
  const namespace = pod.metadata.namespace ?? 'default';
  return services.filter(
    service =>
      (service.metadata.namespace ?? 'default') === namespace && service.spec?.selector && selectorMatches(service.spec.selector, pod.metadata.labels ?? {}),
  );
}

/**
 * The waypoint serving a pod's traffic, in Istio's order: traffic to its Service goes through the
 * Service's waypoint; traffic to the pod itself through the pod's (its label, else its namespace's) when
 * that one is for workloads.
 *
 * @public
 */
export function podWaypoint(pod: AnalyzedObject, inputs: WaypointInputs & { services: AnalyzedObject[] }): WaypointRef | undefined {
  for (const service of servicesOf(pod, inputs.services)) {
    const ref = serviceWaypoint(service, inputs);
    if (ref) return ref;
  }
  const namespace = pod.metadata.namespace ?? 'default';
  const ref = firstBinding(waypointLabel(pod.metadata.labels, namespace, 'pod'), waypointLabel(namespaceLabels(namespace, inputs), namespace, 'namespace'));
  return ref && ['workload', 'all'].includes(gatewayFor(ref, inputs)) ? ref : undefined;
}
