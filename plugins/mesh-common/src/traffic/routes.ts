import { convertHostToFqdn, AnalyzedObject, exportedTo } from '@meshport/istio-config';
import { TrafficObjects } from './destination';

/** The route a request takes and where it sends it. */
export interface ChosenRoute {
  resource: string;
  destinations: string[];
}

function stringMatch(match: any, value: string | undefined): boolean {
  if (!match) return true;
  if (value === undefined) return false;
  if (typeof match.exact === 'string') return value === match.exact;
  if (typeof match.prefix === 'string') return value.startsWith(match.prefix);
  // A regex (RE2) is not evaluated here: such a match is taken not to hold.
  return false;
}

/** Whether one HTTPMatchRequest holds for the request at the caller's sidecar (the mesh gateway). */
function httpMatchHolds(match: any, request: { port: number; method?: string; path?: string; namespace: string }): boolean {
  if (match?.port !== undefined && match.port !== request.port) return false;
  if (match?.gateways && !match.gateways.includes('mesh')) return false;
  if (match?.sourceNamespace && match.sourceNamespace !== request.namespace) return false;
  // Headers and source labels are not part of the request as explained: a match on them is taken not to hold.
  if (match?.headers || match?.sourceLabels || match?.queryParams) return false;
  return stringMatch(match?.uri, request.path) && stringMatch(match?.method, request.method);
}

function destinationsOf(route: any[], namespace: string, clusterDomain: string): string[] {
  return (route ?? []).map((entry: any) => {
    const host = convertHostToFqdn(namespace, String(entry?.destination?.host ?? ''), clusterDomain);
    const subset = entry?.destination?.subset ? ` subset ${entry.destination.subset}` : '';
    const weight = entry?.weight !== undefined ? ` (${entry.weight}%)` : '';
    return `${host}${subset}${weight}`;
  });
}

/**
 * The VirtualService route a caller's sidecar applies (networking/v1 VirtualService): among those visible
 * in the caller's namespace and bound to the mesh gateway that name the host, the first HTTP route whose
 * match holds (or whose TCP/TLS route names the port).
 */
export function meshRoute(
  objects: TrafficObjects,
  host: string,
  request: { port: number; method?: string; path?: string; namespace: string },
  clusterDomain: string,
): ChosenRoute | undefined {
  const candidates = objects.ofKind('VirtualService').filter((vs: AnalyzedObject) => {
    const namespace = vs.metadata.namespace ?? 'default';
    const gateways: string[] | undefined = vs.spec?.gateways;
    const onMesh = !gateways || gateways.length === 0 || gateways.includes('mesh');
    const hosts: string[] = (vs.spec?.hosts ?? []).map((h: string) => convertHostToFqdn(namespace, h, clusterDomain));
    return onMesh && exportedTo(vs, request.namespace) && hosts.includes(host);
  });
  for (const vs of candidates) {
    const namespace = vs.metadata.namespace ?? 'default';
    const http: any[] = vs.spec?.http ?? [];
    const index = http.findIndex(rule => !rule?.match || rule.match.length === 0 || rule.match.some((m: any) => httpMatchHolds(m, request)));
    if (index !== -1) {
      return {
        resource: `VirtualService ${namespace}/${vs.metadata.name} http[${index}]`,
        destinations: destinationsOf(http[index].route, namespace, clusterDomain),
      };
    }
    // TLS is routed by SNI (the host) and port, at the mesh gateway.
    const tls: any[] = vs.spec?.tls ?? [];
    const tlsIndex = tls.findIndex(rule =>
      (rule?.match ?? []).some(
        (m: any) => (!m?.gateways || m.gateways.includes('mesh')) && (m?.port === undefined || m.port === request.port) && (m?.sniHosts ?? []).includes(host),
      ),
    );
    if (tlsIndex !== -1) {
      return {
        resource: `VirtualService ${namespace}/${vs.metadata.name} tls[${tlsIndex}]`,
        destinations: destinationsOf(tls[tlsIndex].route, namespace, clusterDomain),
      };
    }
  }
  return undefined;
}

/**
 * The HTTPRoute a waypoint applies to a Service (Gateway API, parentRefs kind Service): the first rule whose
 * path and method match, with its backends.
 */
export function waypointRoute(
  objects: TrafficObjects,
  service: { name: string; namespace: string },
  request: { method?: string; path?: string },
): ChosenRoute | undefined {
  for (const route of objects.ofKind('HTTPRoute')) {
    const namespace = route.metadata.namespace ?? 'default';
    const attached = (route.spec?.parentRefs ?? []).some(
      (ref: any) => ref?.kind === 'Service' && ref?.name === service.name && (ref?.namespace ?? namespace) === service.namespace,
    );
    if (!attached) continue;
    const rules: any[] = route.spec?.rules ?? [];
    const index = rules.findIndex(
      rule =>
        !rule?.matches ||
        rule.matches.some(
          (m: any) =>
            !m?.headers &&
            (m?.method === undefined || m.method === request.method) &&
            (m?.path === undefined ||
              (m.path.type === 'Exact' && m.path.value === request.path) ||
              ((m.path.type ?? 'PathPrefix') === 'PathPrefix' && request.path?.startsWith(m.path.value ?? '/'))),
        ),
    );
    if (index !== -1) {
      return {
        resource: `HTTPRoute ${namespace}/${route.metadata.name} rules[${index}]`,
        destinations: (rules[index].backendRefs ?? []).map(
          (b: any) => `${b?.name}.${b?.namespace ?? namespace}${b?.weight !== undefined ? ` (weight ${b.weight})` : ''}`,
        ),
      };
    }
  }
  return undefined;
}
