import { PodAmbientStatus, PodDataPlane, WaypointStatus } from '@meshport/plugin-mesh-common';
import {
  AnalyzedObject,
  findProxyContainer,
  AMBIENT_REDIRECTION,
  DATAPLANE_MODE_LABEL,
  K8S_GATEWAY_NAME_LABEL,
  namespaceInAmbientMode,
  podWaypoint,
  serviceWaypoint,
  waypointFor,
  WaypointRef,
} from '@meshport/istio-config';
import { podReady } from './podReady';

/** What carries a pod's traffic: a sidecar first (the CNI agent skips injected pods), then ambient by redirection or label. */
export function podDataPlane(pod: AnalyzedObject, namespace: AnalyzedObject | undefined): PodDataPlane {
  if (findProxyContainer(pod)) return 'sidecar';
  const mode = pod.metadata.labels?.[DATAPLANE_MODE_LABEL];
  if (mode === 'none') return 'none';
  if (pod.metadata.annotations?.[AMBIENT_REDIRECTION] === 'enabled') return 'ambient';
  return mode === 'ambient' || namespaceInAmbientMode(namespace) ? 'ambient' : 'none';
}

/** The objects an ambient view of an entity reads, besides its pods. */
export interface AmbientInputs {
  namespaces: AnalyzedObject[];
  services: AnalyzedObject[];
  /** ztunnel pods on the nodes the entity's pods run on. */
  ztunnels: AnalyzedObject[];
  /** The waypoint Gateways the entity's labels name, and their pods. */
  waypoints: AnalyzedObject[];
  waypointPods: AnalyzedObject[];
}

const keyOf = (namespace: string, name: string) => `${namespace}/${name}`;

/** An ambient pod's redirection, its node's ztunnel and its waypoint. */
export function podAmbientStatus(pod: AnalyzedObject, inputs: AmbientInputs): PodAmbientStatus {
  const node: string | undefined = pod.spec?.nodeName;
  const ztunnel = node ? inputs.ztunnels.find(z => z.spec?.nodeName === node) : undefined;
  const waypoint = podWaypoint(pod, inputs);
  return {
    redirected: pod.metadata.annotations?.[AMBIENT_REDIRECTION] === 'enabled',
    ...(node ? { node } : {}),
    ...(ztunnel ? { ztunnel: { name: ztunnel.metadata.name, namespace: ztunnel.metadata.namespace ?? 'default', ready: podReady(ztunnel) } } : {}),
    ...(waypoint ? { waypoint: keyOf(waypoint.namespace, waypoint.name) } : {}),
  };
}

/** The waypoints that serve any of the pods, each once, with whether it exists and how many of its pods are ready. */
export function waypointsStatus(pods: AnalyzedObject[], inputs: AmbientInputs): WaypointStatus[] {
  const refs = new Map<string, WaypointRef>();
  for (const pod of pods) {
    const ref = podWaypoint(pod, inputs);
    if (ref && !refs.has(keyOf(ref.namespace, ref.name))) refs.set(keyOf(ref.namespace, ref.name), ref);
  }
  return [...refs.values()]
    .map(ref => {
      const gateway = inputs.waypoints.find(g => g.metadata.name === ref.name && g.metadata.namespace === ref.namespace);
      const own = inputs.waypointPods.filter(p => p.metadata.namespace === ref.namespace && p.metadata.labels?.[K8S_GATEWAY_NAME_LABEL] === ref.name);
      return { ...ref, for: waypointFor(gateway), exists: Boolean(gateway), pods: own.length, readyPods: own.filter(podReady).length };
    })
    .sort((a, b) => keyOf(a.namespace, a.name).localeCompare(keyOf(b.namespace, b.name)));
}

/** What decides where each security policy is enforced. */
export interface EnforcementInputs {
  /** Each pod's labels and data plane. */
  pods: Array<{ namespace: string; labels: Record<string, string>; dataPlane: PodDataPlane }>;
  /** The entity's Services ("namespace/name"), each with whether a waypoint serves it. */
  services: Map<string, boolean>;
  /** The waypoints serving the entity ("namespace/name"). */
  waypoints: ReadonlySet<string>;
}

/** The entity's pods, Services and waypoints as the security section needs them. */
export function enforcementInputs(pods: AnalyzedObject[], inputs: AmbientInputs): EnforcementInputs {
  const namespaceOf = (name: string) => inputs.namespaces.find(ns => ns.metadata.name === name);
  const waypoints = new Set<string>();
  for (const pod of pods) {
    const ref = podWaypoint(pod, inputs);
    if (ref) waypoints.add(keyOf(ref.namespace, ref.name));
  }
  return {
    pods: pods.map(pod => ({
      namespace: pod.metadata.namespace ?? 'default',
      labels: pod.metadata.labels ?? {},
      dataPlane: podDataPlane(pod, namespaceOf(pod.metadata.namespace ?? 'default')),
    })),
    services: new Map(
      inputs.services.map(service => [keyOf(service.metadata.namespace ?? 'default', service.metadata.name), Boolean(serviceWaypoint(service, inputs))]),
    ),
    waypoints,
  };
}
