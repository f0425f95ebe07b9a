import { finding, fullName } from '../../findings';
import { convertHostToFqdn, exportedToAll, hostsOverlap } from '../../../istio/hosts';
import { messageFor } from '../../codes';
import { Analyzer, AnalyzedObject } from '../../types';

/** IST0109: VirtualServices bound to the mesh gateway that define the same host for the same namespaces. */
export const ConflictingMeshGatewayHostsAnalyzer: Analyzer = {
  metadata: {
    name: 'virtualservice.ConflictingMeshGatewayHostsAnalyzer',
    description: 'Checks if multiple virtual services associated with the mesh gateway have conflicting hosts',
    inputs: ['VirtualService'],
  },
  analyze({ index, mesh, report }) {
    // "scope/fqdn" → VirtualServices, in the order they come.
    const byHost = new Map<string, AnalyzedObject[]>();
    for (const vs of index.ofKind('VirtualService')) {
      const gateways: string[] = vs.spec?.gateways ?? [];
      if (gateways.length > 0 && !gateways.includes('mesh')) continue;
      const namespace = vs.metadata.namespace!;
      const scopes = exportedToAll(vs.spec?.exportTo) ? ['*'] : [...new Set<string>(vs.spec.exportTo.map((e: string) => (e === '.' ? namespace : e)))];
      for (const scope of scopes) {
        for (const host of vs.spec?.hosts ?? []) {
          const key = `${scope}/${convertHostToFqdn(namespace, String(host), mesh.clusterDomain)}`;
          byHost.set(key, [...(byHost.get(key) ?? []), vs]);
        }
      }
    }
    const reported = new Set<AnalyzedObject>();
    for (const [key, listed] of byHost) {
      const [scope, fqdn] = [key.slice(0, key.indexOf('/')), key.slice(key.indexOf('/') + 1)];
      let conflicting = listed;
      if (scope !== '*') {
        for (const [other, others] of byHost) {
          if (other.startsWith('*/') && hostsOverlap(fqdn, other.slice(2))) conflicting = [...conflicting, ...others];
        }
      }
      if (conflicting.length < 2) continue;
      const names = conflicting.map(fullName).join(',');
      for (const vs of conflicting) {
        if (reported.has(vs)) continue;
        reported.add(vs);
        report(finding('IST0109', vs, messageFor('IST0109', names, key), 'metadata.name'));
      }
    }
  },
};
