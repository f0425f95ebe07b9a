import { fullyQualifiedHost } from '../resourceIndex';
import { finding, namespaceOf } from '../findings';
import { Analyzer } from '../types';

/** IST0101: a route names a subset no DestinationRule for its host defines. */
export const VirtualServiceDestinationAnalyzer: Analyzer = {
  metadata: {
    name: 'virtualservice.DestinationAnalyzer',
    description: 'Checks that the subsets VirtualService routes name are defined by a DestinationRule',
    inputs: ['VirtualService', 'DestinationRule'],
  },
  analyze({ index, report }) {
    for (const vs of index.ofKind('VirtualService')) {
      const namespace = namespaceOf(vs);
      for (const section of ['http', 'tcp', 'tls'] as const) {
        (vs.spec?.[section] ?? []).forEach((route: any, r: number) => {
          (route?.route ?? []).forEach((target: any, d: number) => {
            const subset = target?.destination?.subset;
            const host = target?.destination?.host;
            if (!subset || typeof host !== 'string') return;
            const rules = index.destinationRulesFor(fullyQualifiedHost(host, namespace));
            const defined = rules.some(dr => (dr.spec?.subsets ?? []).some((s: any) => s?.name === subset));
            if (!defined) {
              report(
                finding('IST0101', vs, `Referenced host+subset in DestinationRule not found: "${host}+${subset}"`, `spec.${section}[${r}].route[${d}].destination`),
              );
            }
          });
        });
      }
    }
  },
};
