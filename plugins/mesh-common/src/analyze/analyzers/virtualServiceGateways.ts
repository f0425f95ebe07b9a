import { finding, namespaceOf } from '../findings';
import { Analyzer, AnalyzedObject } from '../types';

function gatewayRef(ref: string, namespace: string): [string, string] {
  const [ns, name] = ref.includes('/') ? ref.split('/', 2) : [namespace, ref];
  return [ns, name];
}

/** True when a Gateway server host (namespace-qualified, wildcard or plain) admits the VirtualService host. */
export function gatewayHostAdmits(serverHost: string, vsNamespace: string, host: string): boolean {
  const [ns, pattern] = serverHost.includes('/') ? serverHost.split('/', 2) : ['*', serverHost];
  if (ns !== '*' && ns !== '.' && ns !== vsNamespace) return false;
  if (pattern === '*' || pattern === host) return true;
  if (pattern.startsWith('*.')) return host.endsWith(pattern.slice(1)) || (host.startsWith('*.') && host.endsWith(pattern.slice(1)));
  return host.startsWith('*.') && pattern.endsWith(host.slice(1));
}

/** IST0101 for a missing Gateway, IST0132 for a host the Gateway does not serve. */
export const VirtualServiceGatewayAnalyzer: Analyzer = {
  metadata: {
    name: 'virtualservice.GatewayAnalyzer',
    description: 'Checks that the Gateways a VirtualService binds to exist and serve its hosts',
    inputs: ['VirtualService', 'Gateway'],
  },
  analyze({ index, report }) {
    for (const vs of index.ofKind('VirtualService')) {
      const namespace = namespaceOf(vs);
      (vs.spec?.gateways ?? []).forEach((ref: unknown, g: number) => {
        if (typeof ref !== 'string' || ref === 'mesh') return;
        const [ns, name] = gatewayRef(ref, namespace);
        const gateway: AnalyzedObject | undefined = index.get('Gateway', ns, name);
        if (!gateway) {
          report(finding('IST0101', vs, `Referenced gateway not found: "${ns}/${name}"`, `spec.gateways[${g}]`));
          return;
        }
        const serverHosts: string[] = (gateway.spec?.servers ?? []).flatMap((server: any) => server?.hosts ?? []);
        (vs.spec?.hosts ?? []).forEach((host: string, h: number) => {
          if (!serverHosts.some(serverHost => gatewayHostAdmits(serverHost, namespace, host))) {
            report(finding('IST0132', vs, `The VirtualService host "${host}" is not served by gateway "${ns}/${name}"`, `spec.hosts[${h}]`));
          }
        });
      });
    }
  },
};
