import {
  Amounts,
  containerAmounts,
  ContainerResourceAmounts,
  DataPlaneComparison,
  DataPlaneCostPart,
  DEFAULT_PODS_PER_NODE,
  sideBySide,
  WAYPOINT_DEFAULT_RESOURCES,
  ZTUNNEL_DEFAULT_RESOURCES,
  times,
  OverheadStatus,
  WorkloadsStatus,
} from '@meshport/plugin-mesh-common';
import { AnalyzedObject, httpAttributes } from '@meshport/istio-config';
import { PodUsage } from './overhead';

/** What the cluster shows about an entity's data plane, for pricing both choices from it. */
export interface LiveDataPlaneInputs {
  pods: AnalyzedObject[];
  workloads: WorkloadsStatus;
  overhead: OverheadStatus;
  /** Security policies and routing that apply to the entity: what would need a waypoint in ambient mode. */
  policies: AnalyzedObject[];
  networking: AnalyzedObject[];
  ztunnels: AnalyzedObject[];
  waypointPods: AnalyzedObject[];
  /** How many pods run on each of the entity's nodes, its own among them. */
  podsOnNodes: ReadonlyMap<string, number>;
  /** Measured usage by pod name (the entity's, its ztunnels' and its waypoints'), where Prometheus has it. */
  usage?: PodUsage;
}

const describe = (object: AnalyzedObject) => `${object.kind} ${object.metadata.namespace}/${object.metadata.name}`;

/** What the entity's policies and routes ask that only an HTTP proxy can do: the reasons ambient would need a waypoint. */
export function l7Reasons(policies: AnalyzedObject[], networking: AnalyzedObject[]): string[] {
  return [
    ...policies.filter(p => p.kind === 'AuthorizationPolicy' && httpAttributes(p).length > 0).map(p => `${describe(p)} matches HTTP attributes`),
    ...policies.filter(p => p.kind === 'RequestAuthentication').map(p => `${describe(p)} validates tokens`),
    ...networking.filter(vs => vs.kind === 'VirtualService' && (vs.spec?.http ?? []).length > 0).map(vs => `${describe(vs)} routes HTTP`),
  ];
}

/** The proxy container's requests and limits in the first of these pods, if any declares them. */
function proxyAmounts(pods: AnalyzedObject[]): ContainerResourceAmounts | undefined {
  const container = pods.flatMap(pod => pod.spec?.containers ?? []).find((c: any) => c?.resources?.requests);
  return container ? containerAmounts(container) : undefined;
}

/** The proxy usage one of these pods has on average, from those Prometheus measured (ztunnel's and a waypoint's container is istio-proxy too). */
function measuredProxy(pods: Array<{ metadata: { name: string } }>, usage: PodUsage | undefined): Amounts | undefined {
  const measured = pods
    .map(pod => usage?.get(pod.metadata.name)?.sidecar)
    .filter((u): u is NonNullable<typeof u> => u?.cpu !== undefined || u?.memory !== undefined);
  if (measured.length === 0) return undefined;
  const average = (field: 'cpu' | 'memory') => measured.reduce((sum, u) => sum + (u[field] ?? 0), 0) / measured.length;
  return { cpu: average('cpu'), memory: average('memory') };
}

/** Resources per item from a total over `count` items. */
const each = (total: ContainerResourceAmounts, count: number) => times(total, count > 0 ? 1 / count : 0);

function sidecarParts(pods: AnalyzedObject[], workloads: WorkloadsStatus, overhead: OverheadStatus, usage: PodUsage | undefined): DataPlaneCostPart[] {
  const parts: DataPlaneCostPart[] = [];
  if (workloads.injectedPods > 0) {
    const injectedKeys = new Set(workloads.pods.filter(p => p.injected).map(p => `${p.namespace}/${p.name}`));
    const injected = pods.filter(pod => injectedKeys.has(`${pod.metadata.namespace ?? 'default'}/${pod.metadata.name}`));
    const measured = measuredProxy(injected, usage);
    parts.push({
      name: 'sidecar',
      count: workloads.injectedPods,
      each: each(overhead.total.sidecar, workloads.injectedPods),
      basis: `the proxies of ${workloads.injectedPods} injected pod(s), as declared`,
      ...(measured ? { measured } : {}),
    });
  }
  if (overhead.ifInjected) {
    const { pods: uninjected, sidecar } = overhead.ifInjected;
    parts.push({
      name: 'sidecar',
      count: uninjected,
      each: each(sidecar, uninjected),
      basis: `the proxy injection would add to ${uninjected} pod(s), as the injector decides it`,
    });
  }
  return parts;
}

/** The entity's share of the ztunnels of its nodes: on each node, its pods over all the node's pods. */
function ztunnelPart(
  pods: AnalyzedObject[],
  ztunnels: AnalyzedObject[],
  podsOnNodes: ReadonlyMap<string, number>,
  usage: PodUsage | undefined,
): DataPlaneCostPart {
  const ownByNode = new Map<string, number>();
  let unscheduled = 0;
  for (const pod of pods) {
    const node: string | undefined = pod.spec?.nodeName;
    if (node) ownByNode.set(node, (ownByNode.get(node) ?? 0) + 1);
    else unscheduled += 1;
  }
  let share = unscheduled / DEFAULT_PODS_PER_NODE;
  for (const [node, own] of ownByNode) share += own / Math.max(own, podsOnNodes.get(node) ?? own);
  const measured = proxyAmounts(ztunnels);
  const nodes = `${pods.length} pod(s) on ${ownByNode.size} node(s) share each node's ztunnel with the node's other pods`;
  const used = measuredProxy(ztunnels, usage);
  return {
    name: 'ztunnel',
    count: share,
    each: measured ?? ZTUNNEL_DEFAULT_RESOURCES,
    basis: measured ? nodes : `${nodes} (Istio's chart defaults: no ztunnel runs there)`,
    ...(used ? { measured: used } : {}),
  };
}

function waypointParts(workloads: WorkloadsStatus, waypointPods: AnalyzedObject[], reasons: string[], usage: PodUsage | undefined): DataPlaneCostPart[] {
  const running = workloads.waypoints.filter(w => w.exists);
  if (running.length > 0) {
    return running.map(w => {
      const own = waypointPods.filter(p => p.metadata.namespace === w.namespace && p.metadata.labels?.['gateway.networking.k8s.io/gateway-name'] === w.name);
      const shared = w.boundBy === 'namespace' ? ", the namespace's, counted in full" : '';
      const used = measuredProxy(own, usage);
      return {
        name: 'waypoint' as const,
        count: Math.max(own.length, 1),
        each: proxyAmounts(own) ?? WAYPOINT_DEFAULT_RESOURCES,
        basis: `its waypoint ${w.namespace}/${w.name}${shared}: ${own.length} pod(s)`,
        ...(used ? { measured: used } : {}),
      };
    });
  }
  return reasons.length > 0
    ? [
        {
          name: 'waypoint',
          count: 1,
          each: WAYPOINT_DEFAULT_RESOURCES,
          basis: "one waypoint replica of its own, for the rules that need HTTP (Istio's chart defaults)",
        },
      ]
    : [];
}

/**
 * Sidecars against ambient for an entity as it runs: its proxies as declared (and what injection would add
 * to the pods without one) against its share of its nodes' ztunnels plus its waypoint (the one serving it,
 * else one it would need for its HTTP rules), from the cluster's own objects where they exist, with what
 * each part uses where Prometheus measured it.
 */
export function liveDataPlanes(inputs: LiveDataPlaneInputs): DataPlaneComparison {
  const reasons = l7Reasons(inputs.policies, inputs.networking);
  return sideBySide(
    inputs.workloads.dataPlane,
    inputs.pods.length,
    sidecarParts(inputs.pods, inputs.workloads, inputs.overhead, inputs.usage),
    [
      ztunnelPart(inputs.pods, inputs.ztunnels, inputs.podsOnNodes, inputs.usage),
      ...waypointParts(inputs.workloads, inputs.waypointPods, reasons, inputs.usage),
    ],
    reasons,
  );
}
