import {
  containerAmounts,
  ContainerResourceAmounts,
  ISTIO_DEFAULT_PROXY_RESOURCES,
  proxyResourcesAtInjection,
  sumResources,
  ContainerUsage,
  OverheadStatus,
  PodOverhead,
} from '@meshport/plugin-mesh-common';
import { AnalyzedObject, findProxyContainer } from '@meshport/istio-config';

/**
 * Measured usage per pod, as the metrics source found it.
 *
 * @public
 */
export type PodUsage = Map<string, { sidecar: ContainerUsage; app: ContainerUsage }>;

function addUsage(a: ContainerUsage, b: ContainerUsage | undefined): ContainerUsage {
  const plus = (x?: number, y?: number) => (x === undefined && y === undefined ? undefined : (x ?? 0) + (y ?? 0));
  return { cpu: plus(a.cpu, b?.cpu), memory: plus(a.memory, b?.memory) };
}

function share(part?: number, whole?: number): number | undefined {
  return part !== undefined && whole ? part / whole : undefined;
}

/**
 * What the sidecars cost next to the apps: requests and limits as the pods declare them (Istio writes
 * the proxy's into the pod at injection), per pod and in total, and measured usage when there is some.
 */
export function overheadStatus(
  pods: AnalyzedObject[],
  usage?: PodUsage,
  usageUnavailable?: string,
  meshDefaults: ContainerResourceAmounts = ISTIO_DEFAULT_PROXY_RESOURCES,
): OverheadStatus {
  const perPod: PodOverhead[] = pods.map(pod => {
    const proxy = findProxyContainer(pod)?.container;
    const apps = (pod.spec?.containers ?? []).filter((c: any) => c !== proxy);
    return {
      name: pod.metadata.name,
      sidecar: proxy ? containerAmounts(proxy) : { requests: {}, limits: {} },
      app: sumResources(apps.map(containerAmounts)),
      usage: usage?.get(pod.metadata.name),
    };
  });
  const total = { sidecar: sumResources(perPod.map(p => p.sidecar)), app: sumResources(perPod.map(p => p.app)) };
  // Pods without a proxy: what injection would add, as the injector would decide it for each of them.
  const uninjected = pods.filter(pod => !findProxyContainer(pod));
  const ifInjected =
    uninjected.length > 0
      ? {
          pods: uninjected.length,
          sidecar: sumResources(
            uninjected.map(pod => proxyResourcesAtInjection({ annotations: pod.metadata.annotations, containers: pod.spec?.containers }, meshDefaults)),
          ),
        }
      : undefined;
  const measured = perPod.filter(p => p.usage);
  return {
    pods: perPod.sort((a, b) => a.name.localeCompare(b.name)),
    total,
    requestShare: {
      cpu: share(total.sidecar.requests.cpu, total.app.requests.cpu),
      memory: share(total.sidecar.requests.memory, total.app.requests.memory),
    },
    usage:
      measured.length > 0
        ? {
            sidecar: measured.reduce<ContainerUsage>((sum, p) => addUsage(sum, p.usage?.sidecar), {}),
            app: measured.reduce<ContainerUsage>((sum, p) => addUsage(sum, p.usage?.app), {}),
          }
        : undefined,
    usageUnavailable: measured.length > 0 ? undefined : usageUnavailable,
    ...(ifInjected ? { ifInjected } : {}),
  };
}
