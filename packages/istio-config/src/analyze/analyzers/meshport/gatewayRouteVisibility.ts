import { finding, namespaceOf } from '../../findings';
import { exportedTo, shortOrFullName } from '../../../istio/hosts';
import { Analyzer, AnalyzerContext, AnalyzedObject } from '../../types';

/** The namespaces a Gateway's proxies run in: its selected pods' where the input holds them, else the gateways' usual namespaces. */
function gatewayProxyNamespaces(gateway: AnalyzedObject, context: AnalyzerContext): { namespaces: string[]; seen: boolean } {
  const pods = context.index.podsMatching(gateway.spec?.selector ?? {});
  if (gateway.spec?.selector && pods.length > 0) return { namespaces: [...new Set(pods.map(namespaceOf))], seen: true };
  return { namespaces: [...new Set([context.mesh.rootNamespace, ...context.mesh.egressGatewayNamespaces])], seen: false };
}

/**
 * MP0015: a VirtualService bound to a Gateway whose proxies run where the VirtualService is not exported:
 * a gateway proxy reads only the VirtualServices visible in its own namespace
 * (pilot/pkg/model/push_context.go, VirtualServicesForGateway), so its routes never reach the gateway
 * (HTTP answers 404, TLS passthrough has no listener).
 */
export const GatewayRouteVisibilityAnalyzer: Analyzer = {
  metadata: {
    name: 'meshport.GatewayRouteVisibilityAnalyzer',
    description: 'Finds VirtualServices bound to a Gateway whose proxies cannot see them (exportTo)',
    inputs: ['VirtualService', 'Gateway'],
  },
  analyze(context) {
    for (const vs of context.index.ofKind('VirtualService')) {
      const namespace = namespaceOf(vs);
      (vs.spec?.gateways ?? []).forEach((reference: unknown, index: number) => {
        if (typeof reference !== 'string' || reference === 'mesh') return;
        const { namespace: gatewayNamespace, name } = shortOrFullName(namespace, reference);
        const gateway = context.index.get('Gateway', gatewayNamespace, name);
        if (!gateway) return;
        const proxies = gatewayProxyNamespaces(gateway, context);
        if (proxies.namespaces.some(proxyNamespace => exportedTo(vs, proxyNamespace))) return;
        context.report(
          finding(
            'MP0015',
            vs,
            `Gateway ${gatewayNamespace}/${name} runs in ${proxies.namespaces.join(', ')}${
              proxies.seen ? '' : ' (assumed: its pods are not in the input)'
            }, where this VirtualService is not exported (exportTo ${JSON.stringify(vs.spec?.exportTo)}): the gateway never gets its routes`,
            `spec.gateways[${index}]`,
          ),
        );
      });
    }
  },
};
