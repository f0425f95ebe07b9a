import { finding, selectorNotFound } from '../../findings';
import { firstSelectorKey, selectorMatches, selectorString } from '../../../istio/selectors';
import { messageFor } from '../../codes';
import { Analyzer, AnalyzerContext, AnalyzedObject } from '../../types';

/** IST0101 for a Gateway whose selector matches no pod: istioctl reports it from three analyzers, one text. */
export function reportUnselectedGateway({ report }: AnalyzerContext, gateway: AnalyzedObject) {
  report(selectorNotFound(gateway, gateway.spec?.selector, 'spec.selector'));
}

/** IST0101 (selector) and IST0162: a Gateway's pods exist, and their Services expose each port it listens on. */
export const IngressGatewayPortAnalyzer: Analyzer = {
  metadata: {
    name: 'gateway.IngressGatewayPortAnalyzer',
    description: "Checks a gateway's ports against the gateway's Kubernetes service ports",
    inputs: ['Gateway', 'Pod', 'Service'],
  },
  analyze(context) {
    const { index, report } = context;
    const servicesByNamespace = new Map<string, AnalyzedObject[]>();
    for (const service of index.ofKind('Service'))
      servicesByNamespace.set(service.metadata.namespace!, [...(servicesByNamespace.get(service.metadata.namespace!) ?? []), service]);
    for (const gateway of index.ofKind('Gateway')) {
      const pods = index.podsMatching(gateway.spec?.selector);
      if (pods.length === 0) {
        reportUnselectedGateway(context, gateway);
        continue;
      }
      const ports = new Set<number>();
      for (const pod of pods) {
        for (const service of servicesByNamespace.get(pod.metadata.namespace!) ?? []) {
          if (!selectorMatches(service.spec?.selector, pod.metadata.labels)) continue;
          for (const port of service.spec?.ports ?? []) {
            if (port?.protocol !== 'TCP') continue;
            const target = typeof port.targetPort === 'number' ? port.targetPort : Number.parseInt(String(port.targetPort ?? ''), 10) || 0;
            ports.add(target !== 0 ? target : port.port);
          }
        }
      }
      const selector = selectorString(gateway.spec?.selector);
      for (const server of gateway.spec?.servers ?? []) {
        if (server?.port && !ports.has(server.port.number)) {
          report(finding('IST0162', gateway, messageFor('IST0162', server.port.number, selector), `spec.selector.${firstSelectorKey(selector)}`));
        }
      }
    }
  },
};
