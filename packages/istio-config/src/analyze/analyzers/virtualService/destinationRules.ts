import { finding } from '../../findings';
import { resourceNameFromHost } from '../../../istio/hosts';
import { messageFor } from '../../codes';
import { Analyzer } from '../../types';
import { destinationHostPath, mirrorDestinations, routeDestinations } from './destinations';

/** IST0101 (host+subset, mirror+subset): every subset a route names is defined by a DestinationRule for its host. */
export const DestinationRuleAnalyzer: Analyzer = {
  metadata: {
    name: 'virtualservice.DestinationRuleAnalyzer',
    description: 'Checks the destination rules associated with each virtual service',
    inputs: ['VirtualService', 'DestinationRule'],
  },
  analyze({ index, report }) {
    const defined = new Set<string>();
    for (const dr of index.ofKind('DestinationRule')) {
      const { namespace, name } = resourceNameFromHost(dr.metadata.namespace!, String(dr.spec?.host ?? ''));
      for (const subset of dr.spec?.subsets ?? []) defined.add(`${namespace}/${name}|${subset?.name}`);
    }
    for (const vs of index.ofKind('VirtualService')) {
      for (const [destinations, refType] of [
        [routeDestinations(vs), 'host+subset in destinationrule'],
        [mirrorDestinations(vs), 'mirror+subset in destinationrule'],
      ] as const) {
        for (const d of destinations) {
          const subset = d.destination.subset;
          if (!subset) continue;
          const host = String(d.destination.host ?? '');
          const { namespace, name } = resourceNameFromHost(vs.metadata.namespace!, host);
          if (!defined.has(`${namespace}/${name}|${subset}`)) {
            report(finding('IST0101', vs, messageFor('IST0101', refType, `${host}+${subset}`), destinationHostPath(d)));
          }
        }
      }
    }
  },
};
