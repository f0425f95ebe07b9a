import { convertHostToFqdn, exportedTo, shortOrFullName, AnalyzedObject } from '@meshport/istio-config';
import { TrafficObjects } from './destination';
import { ChosenRoute, meshRoute } from './routes';
import { TrafficHop, TrafficRequest } from './types';
import { outboundPolicy } from './visibility';

/** The namespace an egress gateway's proxies run in: the namespace of the gateway Service a route sends to. */
function gatewayServiceOf(destination: string, clusterDomain: string): { name: string; namespace: string } | undefined {
  const suffix = `.svc.${clusterDomain}`;
  if (!destination.endsWith(suffix)) return undefined;
  const [name, namespace] = destination.slice(0, -suffix.length).split('.');
  return name && namespace ? { name, namespace } : undefined;
}

/**
 * The egress gateway's own hop: among the VirtualServices bound to a Gateway that serves the host, those
 * visible in the gateway proxy's namespace (pilot/pkg/model/push_context.go, VirtualServicesForGateway),
 * and the route they give the host. A host the gateway has no route for gets no answer from it.
 */
function gatewayHop(objects: TrafficObjects, host: string, port: number, gateway: { name: string; namespace: string }, clusterDomain: string): TrafficHop {
  const at = `${gateway.namespace}/${gateway.name}`;
  const routes = objects.ofKind('VirtualService').filter((vs: AnalyzedObject) => {
    const namespace = vs.metadata.namespace ?? 'default';
    const boundToGateway = (vs.spec?.gateways ?? []).some(
      (ref: string) =>
        ref !== 'mesh' &&
        objects.ofKind('Gateway').some(g => {
          const named = shortOrFullName(namespace, ref);
          return g.metadata.name === named.name && (g.metadata.namespace ?? 'default') === named.namespace;
        }),
    );
    return boundToGateway && (vs.spec?.hosts ?? []).includes(host);
  });
  const visible = routes.filter(vs => exportedTo(vs, gateway.namespace));
  if (visible.length === 0) {
    const hidden = routes.map(vs => `VirtualService ${vs.metadata.namespace}/${vs.metadata.name}`).join(', ');
    return {
      proxy: 'gateway',
      at,
      policies: [],
      verdict: 'deny',
      note: `the gateway has no route for ${host}${hidden ? `: ${hidden} is not exported to ${gateway.namespace}` : ''}`,
    };
  }
  for (const vs of visible) {
    const namespace = vs.metadata.namespace ?? 'default';
    const rules: any[] = [...(vs.spec?.http ?? []), ...(vs.spec?.tls ?? [])];
    const rule = rules.find(r =>
      (r?.match ?? []).some((m: any) => (m?.gateways ?? []).some((g: string) => g !== 'mesh') && (!m?.sniHosts || m.sniHosts.includes(host))),
    );
    const target = rule?.route?.[0]?.destination?.host;
    if (!target) continue;
    const sent = convertHostToFqdn(namespace, String(target), clusterDomain);
    return {
      proxy: 'gateway',
      at,
      policies: [],
      verdict: sent === host ? 'allow' : 'deny',
      note:
        sent === host
          ? `routed on to ${host}:${port} by VirtualService ${namespace}/${vs.metadata.name}`
          : `VirtualService ${namespace}/${vs.metadata.name} sends ${host} to ${sent}`,
    };
  }
  return { proxy: 'gateway', at, policies: [], verdict: 'deny', note: `no route of the gateway's VirtualServices matches ${host}` };
}

/**
 * A request for a host outside the cluster's Services, from a sidecar: a ServiceEntry visible to the
 * caller declares it (else REGISTRY_ONLY refuses it: BlackHoleCluster), and a mesh route may send it on
 * to an egress gateway, which must see a route of its own for the host.
 */
export function externalHops(
  objects: TrafficObjects,
  request: TrafficRequest,
  serviceEntry: AnalyzedObject | undefined,
  options: { rootNamespace: string; clusterDomain: string },
): { hops: TrafficHop[]; route?: ChosenRoute } {
  const { from, to } = request;
  const callerHop: TrafficHop = { proxy: from.dataPlane === 'sidecar' ? 'sidecar' : 'none', at: 'caller', policies: [] };
  const entry = serviceEntry && exportedTo(serviceEntry, from.namespace) ? serviceEntry : undefined;
  if (from.dataPlane === 'sidecar' && !entry && outboundPolicy(objects, options.rootNamespace) === 'REGISTRY_ONLY') {
    callerHop.verdict = 'deny';
    callerHop.note = `no ServiceEntry for ${to.host} is visible in ${from.namespace} and the mesh's outbound policy is REGISTRY_ONLY (BlackHoleCluster)`;
    return { hops: [callerHop] };
  }
  callerHop.note = entry
    ? `ServiceEntry ${entry.metadata.namespace}/${entry.metadata.name} declares the host`
    : 'no ServiceEntry declares the host: passed through';
  if (from.dataPlane !== 'sidecar' || !entry) return { hops: [callerHop] };
  const route = meshRoute(objects, to.host, { ...request, port: to.port, namespace: from.namespace }, options.clusterDomain);
  if (!route) return { hops: [callerHop] };
  callerHop.note += `; routed by ${route.resource}`;
  const gateway = gatewayServiceOf(route.destinations[0]?.split(' ')[0] ?? '', options.clusterDomain);
  if (!gateway) return { hops: [callerHop], route };
  return { hops: [callerHop, gatewayHop(objects, to.host, to.port, gateway, options.clusterDomain)], route };
}
