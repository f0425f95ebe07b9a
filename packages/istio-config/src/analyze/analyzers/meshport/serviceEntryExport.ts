import { finding, namespaceOf } from '../../findings';
import { Analyzer } from '../../types';

/**
 * MP0014: in a GitOps repository a team's folder holds its namespace's objects, but a ServiceEntry
 * reaches every namespace it is exported to: with no exportTo (Istio's default is every namespace), "*",
 * or another team's namespace, the hosts it declares (and the endpoints it sends them to) apply to that
 * namespace's calls too (pilot/pkg/model/push_context.go: a ServiceEntry is visible where it is
 * exported). Only its own namespace and the egress gateways' are within its folder's reach.
 */
export const ServiceEntryExportAnalyzer: Analyzer = {
  metadata: {
    name: 'meshport.ServiceEntryExportAnalyzer',
    description: 'Finds ServiceEntries exported into namespaces other than their own and the egress gateways',
    inputs: ['ServiceEntry'],
  },
  filesOnly: true,
  analyze({ index, mesh, report }) {
    for (const entry of index.ofKind('ServiceEntry')) {
      const namespace = namespaceOf(entry);
      const exportTo: unknown[] = Array.isArray(entry.spec?.exportTo) ? entry.spec.exportTo : [];
      const within = new Set(['.', '~', namespace, ...mesh.egressGatewayNamespaces]);
      const beyond = exportTo.length === 0 ? ['every namespace (no exportTo)'] : exportTo.map(String).filter(target => !within.has(target));
      if (beyond.length === 0) continue;
      const hosts = (Array.isArray(entry.spec?.hosts) ? entry.spec.hosts : []).join(', ');
      report(
        finding(
          'MP0014',
          entry,
          `The ServiceEntry for ${hosts || 'no hosts'} is exported to ${beyond
            .map(target => (target === '*' ? 'every namespace ("*")' : target))
            .join(', ')}, beyond ${namespace} and the egress gateways' namespaces (${mesh.egressGatewayNamespaces.join(
            ', ',
          )}): once merged it decides where those namespaces' calls to its hosts go`,
          'spec.exportTo',
        ),
      );
    }
  },
};
