import { AnalyzedObject } from '@meshport/istio-config';
import { fullyQualifiedHost } from './hosts';

/** The fully qualified hosts a VirtualService names or routes to, or a DestinationRule's host. */
function hostsOf(object: AnalyzedObject): string[] {
  const namespace = object.metadata.namespace ?? 'default';
  if (object.kind === 'DestinationRule' && typeof object.spec?.host === 'string') return [fullyQualifiedHost(object.spec.host, namespace)];
  if (object.kind !== 'VirtualService') return [];
  const named: string[] = (object.spec?.hosts ?? []).map((h: string) => fullyQualifiedHost(String(h), namespace));
  const routed: string[] = ['http', 'tcp', 'tls'].flatMap(protocol =>
    (object.spec?.[protocol] ?? []).flatMap((route: any) =>
      (route.route ?? []).map((d: any) => fullyQualifiedHost(String(d.destination?.host ?? ''), namespace)),
    ),
  );
  return [...new Set([...named, ...routed])];
}

/** Fully qualified host → the VirtualServices and DestinationRules naming it; each key goes with its last member. */
export class RouteHostIndex {
  private readonly byHost = new Map<string, Set<AnalyzedObject>>();

  add(object: AnalyzedObject): void {
    for (const host of hostsOf(object)) {
      let routes = this.byHost.get(host);
      if (!routes) this.byHost.set(host, (routes = new Set()));
      routes.add(object);
    }
  }

  remove(object: AnalyzedObject): void {
    for (const host of hostsOf(object)) {
      const routes = this.byHost.get(host);
      routes?.delete(object);
      if (routes?.size === 0) this.byHost.delete(host);
    }
  }

  /** The routes naming a host. */
  routesTo(host: string): Iterable<AnalyzedObject> {
    return this.byHost.get(host) ?? [];
  }

  get size(): number {
    return this.byHost.size;
  }
}
