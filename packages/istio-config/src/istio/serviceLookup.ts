import { AnalyzedObject } from '../objects/kinds';
import { convertHostToFqdn, exportedToAll } from './hosts';

/**
 * A ServiceEntry, or the ServiceEntry Istio synthesizes for a Kubernetes Service.
 *
 * @public
 */
export interface MeshService {
  object: AnalyzedObject;
  ports: Array<{ number: number; name?: string; protocol?: string }>;
  /** The ServiceEntry's workloadSelector labels; none for a Kubernetes Service. */
  workloadLabels?: Record<string, string>;
}

/**
 * "scope/fqdn" → service, after Istio's util.InitServiceEntryHostMap.
 *
 * @public
 */
export type ServiceHostMap = Map<string, MeshService>;

const scoped = (scope: string, namespace: string, host: string, domain: string) => `${scope}/${convertHostToFqdn(namespace, host, domain)}`;

/** The scopes a resource's exportTo list makes it visible in. */
function exportScopes(exportTo: unknown, namespace: string): string[] {
  if (exportedToAll(exportTo)) return ['*'];
  return (exportTo as string[]).map(entry => (entry === '.' ? namespace : entry));
}

/** Every ServiceEntry host and every Service, by the scopes they are exported to. */
export function serviceHostMap(serviceEntries: AnalyzedObject[], services: AnalyzedObject[], domain = 'cluster.local'): ServiceHostMap {
  const map: ServiceHostMap = new Map();
  for (const entry of serviceEntries) {
    const namespace = entry.metadata.namespace!;
    const service: MeshService = {
      object: entry,
      ports: (entry.spec?.ports ?? []).map((port: any) => ({ number: Number(port?.number), name: port?.name, protocol: port?.protocol })),
      workloadLabels: entry.spec?.workloadSelector?.labels,
    };
    for (const scope of exportScopes(entry.spec?.exportTo, namespace)) {
      for (const host of entry.spec?.hosts ?? []) map.set(scoped(scope, namespace, String(host), domain), service);
    }
  }
  for (const svc of services) {
    const namespace = svc.metadata.namespace!;
    const service: MeshService = {
      object: svc,
      ports: (svc.spec?.ports ?? []).map((port: any) => ({ number: Number(port?.port), name: port?.name, protocol: port?.protocol })),
    };
    const annotation = svc.metadata.annotations?.['networking.istio.io/exportTo'];
    const scopes = annotation ? annotation.split(',').map(scope => (scope === '.' ? namespace : scope)) : ['*'];
    for (const scope of scopes) map.set(scoped(scope, namespace, svc.metadata.name, domain), service);
  }
  return map;
}

/**
 * The service a host reaches from a namespace, as Istio's util.GetDestinationHost finds it: exported to
 * all, then in the scopes the caller's exportTo names (its own namespace by default), then wildcard hosts.
 */
export function destinationService(
  sourceNamespace: string,
  exportTo: unknown,
  host: string,
  map: ServiceHostMap,
  domain = 'cluster.local',
): MeshService | undefined {
  const fqdn = convertHostToFqdn(sourceNamespace, host, domain);
  const everywhere = map.get(`*/${fqdn}`);
  if (everywhere) return everywhere;
  const scopes = Array.isArray(exportTo) && exportTo.length > 0 ? exportTo.map(entry => (entry === '.' ? sourceNamespace : String(entry))) : [sourceNamespace];
  for (const scope of scopes) {
    const found = map.get(`${scope}/${fqdn}`);
    if (found) return found;
  }
  for (const [key, service] of map) {
    const slash = key.indexOf('/');
    const scope = key.slice(0, slash);
    const serviceHost = key.slice(slash + 1);
    if (!serviceHost.startsWith('*') || (scope !== '*' && scope !== sourceNamespace)) continue;
    if (host.replace(/^\*/, '').endsWith(serviceHost.slice(1))) return service;
  }
  return undefined;
}
