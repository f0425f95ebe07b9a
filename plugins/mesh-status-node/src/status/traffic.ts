import { CanaryStatus, DestinationRuleSummary, RouteSummary, ServiceSummary, TrafficStatus, VirtualServiceSummary } from '@meshport/plugin-mesh-common';
import { AnalyzedObject, selectorMatches } from '@meshport/istio-config';
import { fullyQualifiedHost } from '../cluster/hosts';

function serviceSummary(service: AnalyzedObject): ServiceSummary {
  const namespace = service.metadata.namespace ?? 'default';
  return {
    name: service.metadata.name,
    namespace,
    host: fullyQualifiedHost(service.metadata.name, namespace),
    ports: (service.spec?.ports ?? []).map((p: any) => ({
      name: p.name,
      port: Number(p.port),
      targetPort: p.targetPort ?? Number(p.port),
      protocol: p.protocol,
    })),
  };
}

function matchInWords(match: any): string[] {
  const words: string[] = [];
  for (const [kind, value] of Object.entries<any>(match?.uri ?? {})) words.push(`${kind} ${value}`);
  for (const [name, condition] of Object.entries<any>(match?.headers ?? {})) {
    const [kind, value] = Object.entries<any>(condition ?? {})[0] ?? ['present', ''];
    words.push(kind === 'exact' ? `header ${name}=${value}` : `header ${name} ${kind} ${value}`);
  }
  if (match?.method) words.push(`method ${Object.values(match.method)[0]}`);
  return words;
}

function routesOf(virtualService: AnalyzedObject): RouteSummary[] {
  const namespace = virtualService.metadata.namespace ?? 'default';
  return (virtualService.spec?.http ?? []).map((route: any) => {
    const destinations = (route.route ?? []).map((d: any) => ({
      host: fullyQualifiedHost(String(d.destination?.host ?? ''), namespace),
      subset: d.destination?.subset,
      port: d.destination?.port?.number,
      weight: d.weight ?? (route.route.length === 1 ? 100 : 0),
    }));
    return { name: route.name, match: (route.match ?? []).flatMap(matchInWords), destinations };
  });
}

/** True when a VirtualService names the host among its hosts or routes to it. */
function concerns(virtualService: AnalyzedObject, hosts: Set<string>): boolean {
  const namespace = virtualService.metadata.namespace ?? 'default';
  if ((virtualService.spec?.hosts ?? []).some((h: string) => hosts.has(fullyQualifiedHost(h, namespace)))) return true;
  return routesOf(virtualService).some(route => route.destinations.some(d => hosts.has(d.host)));
}

/** The split of the catch-all route across subsets of the service, with the pods behind each subset. */
function canaryOf(
  virtualServices: AnalyzedObject[],
  destinationRules: DestinationRuleSummary[],
  hosts: Set<string>,
  pods: Array<{ namespace: string; labels: Record<string, string>; ready: boolean }>,
): CanaryStatus | undefined {
  for (const virtualService of virtualServices) {
    const routes = routesOf(virtualService);
    const catchAll = routes.find(r => r.match.length === 0) ?? routes[routes.length - 1];
    const split = catchAll?.destinations.filter(d => hosts.has(d.host) && d.subset);
    if (!split?.length) continue;
    const host = split[0].host;
    const subsets = new Map(destinationRules.filter(dr => dr.host === host).flatMap(dr => dr.subsets.map(s => [s.name, s.labels] as const)));
    return {
      virtualService: `${virtualService.metadata.namespace}/${virtualService.metadata.name}`,
      host,
      split: split.map(d => {
        const labels = subsets.get(d.subset!);
        const behind = labels ? pods.filter(p => selectorMatches(labels, p.labels)) : [];
        return { subset: d.subset!, version: labels?.version, weight: d.weight, pods: behind.length, readyPods: behind.filter(p => p.ready).length };
      }),
    };
  }
  return undefined;
}

/** The entity's Services, the VirtualServices and DestinationRules for their hosts, and the canary split. */
export function trafficStatus(
  services: AnalyzedObject[],
  networking: AnalyzedObject[],
  pods: Array<{ namespace: string; labels: Record<string, string>; ready: boolean }>,
): TrafficStatus {
  const serviceSummaries = services.map(serviceSummary).sort((a, b) => a.host.localeCompare(b.host));
  const hosts = new Set(serviceSummaries.map(s => s.host));
  const virtualServices = networking.filter(o => o.kind === 'VirtualService' && concerns(o, hosts));
  const destinationRules: DestinationRuleSummary[] = networking
    .filter(o => o.kind === 'DestinationRule' && hosts.has(fullyQualifiedHost(String(o.spec?.host ?? ''), o.metadata.namespace ?? 'default')))
    .map(o => ({
      name: o.metadata.name,
      namespace: o.metadata.namespace ?? 'default',
      host: fullyQualifiedHost(String(o.spec.host), o.metadata.namespace ?? 'default'),
      subsets: (o.spec?.subsets ?? []).map((s: any) => ({ name: s.name, labels: s.labels ?? {} })),
      trafficPolicy: o.spec?.trafficPolicy,
    }));
  const summaries: VirtualServiceSummary[] = virtualServices.map(o => ({
    name: o.metadata.name,
    namespace: o.metadata.namespace ?? 'default',
    hosts: o.spec?.hosts ?? [],
    gateways: o.spec?.gateways ?? [],
    routes: routesOf(o),
  }));
  return {
    services: serviceSummaries,
    virtualServices: summaries,
    destinationRules,
    canary: canaryOf(virtualServices, destinationRules, hosts, pods),
  };
}
