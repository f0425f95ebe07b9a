import { AnalyzedObject, findProxyContainer } from '../analyze';
import { ControllerMeshStatus, NamespaceInjection, PodMeshStatus, ProxyStatus, WorkloadsStatus } from './types';

/** How a namespace's labels set injection. */
export function namespaceInjection(namespace: AnalyzedObject): NamespaceInjection {
  const labels = namespace.metadata.labels ?? {};
  const name = namespace.metadata.name;
  if (labels['istio-injection'] === 'disabled') return { name, injection: 'disabled' };
  if (labels['istio-injection'] === 'enabled') return { name, injection: 'label' };
  if (labels['istio.io/rev']) return { name, injection: 'revision', revision: labels['istio.io/rev'] };
  return { name, injection: 'off' };
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

/** True when the pod's Ready condition is True. */
export function podReady(pod: AnalyzedObject): boolean {
  const conditions: any[] = (pod as any).status?.conditions ?? [];
  return conditions.some(c => c?.type === 'Ready' && c?.status === 'True');
}

/** One pod's injection, proxy and readiness. */
export function podMeshStatus(pod: AnalyzedObject): PodMeshStatus {
  const status: any = (pod as any).status ?? {};
  const proxy = proxyStatus(pod);
  const restarts = [...(status.containerStatuses ?? []), ...(status.initContainerStatuses ?? [])].reduce((sum: number, s: any) => sum + Number(s?.restartCount ?? 0), 0);
  return {
    name: pod.metadata.name,
    namespace: pod.metadata.namespace ?? 'default',
    version: pod.metadata.labels?.version,
    phase: status.phase,
    ready: podReady(pod),
    restarts,
    injected: Boolean(proxy),
    proxy,
  };
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

/** Injection and proxy state of an entity's namespaces, controllers and Pods. */
export function workloadsStatus(namespaces: AnalyzedObject[], controllers: AnalyzedObject[], pods: AnalyzedObject[]): WorkloadsStatus {
  const podStatuses = pods.map(podMeshStatus).sort((a, b) => a.name.localeCompare(b.name));
  const injected = podStatuses.filter(p => p.injected);
  return {
    namespaces: namespaces.map(namespaceInjection),
    controllers: controllers.map(controllerStatus).sort((a, b) => a.kind.localeCompare(b.kind) || a.name.localeCompare(b.name)),
    pods: podStatuses,
    injectedPods: injected.length,
    totalPods: podStatuses.length,
    notReadyProxies: injected.filter(p => !p.proxy?.ready).length,
    proxyVersions: [...new Set(injected.map(p => p.proxy?.version).filter((v): v is string => Boolean(v)))].sort(),
  };
}
