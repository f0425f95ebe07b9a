import { ControllerMeshStatus, NamespaceInjection, PodMeshStatus, ProxyStatus, WorkloadsStatus } from '@meshport/plugin-mesh-common';
import { AnalyzedObject, findProxyContainer, DATAPLANE_MODE_LABEL, namespaceInjectionMode, USE_WAYPOINT_LABEL } from '@meshport/istio-config';
import { AmbientInputs, podAmbientStatus, podDataPlane, waypointsStatus } from './ambient';
import { podReady } from './podReady';

/** How a namespace's labels set injection. */
export function namespaceInjection(namespace: AnalyzedObject): NamespaceInjection {
  const labels = namespace.metadata.labels ?? {};
  const name = namespace.metadata.name;
  const ambient = {
    ...(labels[DATAPLANE_MODE_LABEL] === 'ambient' ? { ambient: true } : {}),
    ...(labels[USE_WAYPOINT_LABEL] ? { useWaypoint: labels[USE_WAYPOINT_LABEL] } : {}),
  };
  const { mode, revision } = namespaceInjectionMode(labels);
  return { name, injection: mode, ...(revision ? { revision } : {}), ...ambient };
}

/** The tag of an image reference ("docker.io/istio/proxyv2:1.30.0" → "1.30.0"), ignoring a digest. */
export function imageTag(image: string | undefined): string | undefined {
  const withoutDigest = image?.split('@')[0];
  const lastSegment = withoutDigest?.split('/').pop();
  return lastSegment?.includes(':') ? lastSegment.split(':').pop() : undefined;
}

function proxyStatus(pod: AnalyzedObject): ProxyStatus | undefined {
  const proxy = findProxyContainer(pod);
  if (!proxy) return undefined;
  const statuses: any[] = ((pod as any).status?.[proxy.native ? 'initContainerStatuses' : 'containerStatuses'] ?? []) as any[];
  const status = statuses.find(s => s?.name === 'istio-proxy');
  const image = status?.image ?? proxy.container.image;
  return {
    mode: proxy.native ? 'native' : 'classic',
    image,
    version: imageTag(image),
    ready: status?.ready === true,
    restarts: Number(status?.restartCount ?? 0),
  };
}

const NO_AMBIENT_INPUTS: AmbientInputs = { namespaces: [], services: [], ztunnels: [], waypoints: [], waypointPods: [] };

/** One pod's data plane (its proxy, or its ambient redirection, ztunnel and waypoint) and readiness. */
export function podMeshStatus(pod: AnalyzedObject, inputs: AmbientInputs = NO_AMBIENT_INPUTS): PodMeshStatus {
  const status: any = (pod as any).status ?? {};
  const proxy = proxyStatus(pod);
  const namespace = inputs.namespaces.find(ns => ns.metadata.name === (pod.metadata.namespace ?? 'default'));
  const dataPlane = podDataPlane(pod, namespace);
  const restarts = [...(status.containerStatuses ?? []), ...(status.initContainerStatuses ?? [])].reduce(
    (sum: number, s: any) => sum + Number(s?.restartCount ?? 0),
    0,
  );
  return {
    name: pod.metadata.name,
    namespace: pod.metadata.namespace ?? 'default',
    version: pod.metadata.labels?.version,
    phase: status.phase,
    ready: podReady(pod),
    restarts,
    injected: Boolean(proxy),
    proxy,
    dataPlane,
    ...(dataPlane === 'ambient' ? { ambient: podAmbientStatus(pod, inputs) } : {}),
  };
}

/** One word for the pods' data planes: theirs when they agree, `mixed` when sidecars and ambient meet. */
function overallDataPlane(pods: PodMeshStatus[]): WorkloadsStatus['dataPlane'] {
  const planes = new Set(pods.map(p => p.dataPlane));
  if (planes.has('sidecar') && planes.has('ambient')) return 'mixed';
  if (planes.has('sidecar')) return 'sidecar';
  return planes.has('ambient') ? 'ambient' : 'none';
}

function controllerStatus(controller: AnalyzedObject): ControllerMeshStatus {
  const status: any = (controller as any).status ?? {};
  // A DaemonSet runs one pod per selected node: desired and ready come from its status.
  const daemon = controller.kind === 'DaemonSet';
  return {
    kind: controller.kind as ControllerMeshStatus['kind'],
    name: controller.metadata.name,
    namespace: controller.metadata.namespace ?? 'default',
    replicas: Number(daemon ? status.desiredNumberScheduled ?? 0 : controller.spec?.replicas ?? status.replicas ?? 0),
    readyReplicas: Number(daemon ? status.numberReady ?? 0 : status.readyReplicas ?? 0),
    version: controller.spec?.template?.metadata?.labels?.version,
  };
}

/** Injection, ambient enrollment and proxy state of an entity's namespaces, controllers and Pods. */
export function workloadsStatus(controllers: AnalyzedObject[], pods: AnalyzedObject[], inputs: AmbientInputs = NO_AMBIENT_INPUTS): WorkloadsStatus {
  const podStatuses = pods.map(pod => podMeshStatus(pod, inputs)).sort((a, b) => a.name.localeCompare(b.name));
  const injected = podStatuses.filter(p => p.injected);
  const ambient = podStatuses.filter(p => p.dataPlane === 'ambient');
  const ambientPods = new Set(ambient.map(p => `${p.namespace}/${p.name}`));
  return {
    namespaces: inputs.namespaces.map(namespaceInjection),
    controllers: controllers.map(controllerStatus).sort((a, b) => a.kind.localeCompare(b.kind) || a.name.localeCompare(b.name)),
    pods: podStatuses,
    injectedPods: injected.length,
    totalPods: podStatuses.length,
    notReadyProxies: injected.filter(p => !p.proxy?.ready).length,
    proxyVersions: [...new Set(injected.map(p => p.proxy?.version).filter((v): v is string => Boolean(v)))].sort(),
    ambientPods: ambient.length,
    dataPlane: overallDataPlane(podStatuses),
    ambientNotReady: ambient.filter(p => !p.ambient?.redirected || !p.ambient.ztunnel?.ready).length,
    waypoints: waypointsStatus(
      pods.filter(pod => ambientPods.has(`${pod.metadata.namespace ?? 'default'}/${pod.metadata.name}`)),
      inputs,
    ),
  };
}
