import { finding, fullName } from '../../findings';
import { parseSelectorString, selectorMatches, selectorString } from '../../../istio/selectors';
import { messageFor } from '../../codes';
import { Analyzer } from '../../types';
import { reportUnselectedGateway } from './ingressGatewayPort';

/**
 * The hosts of `hosts` already claimed with the same bind; when there are none, the hosts are added to
 * the claims (as pilot's CheckDuplicates does, which makes later servers see them too).
 */
function claimHosts(hosts: string[], bind: string, claims: Map<string, string>): string[] {
  const duplicates = hosts.filter(host => claims.has(host) && claims.get(host) === bind);
  if (duplicates.length === 0) for (const host of hosts) claims.set(host, bind);
  return duplicates;
}

/** IST0145: Gateways on the same workloads (overlapping selectors with pods in common) claiming one port and host. */
export const ConflictingGatewayAnalyzer: Analyzer = {
  metadata: { name: 'gateway.ConflictingGatewayAnalyzer', description: "Checks a gateway's selector, port number and hosts", inputs: ['Gateway', 'Pod'] },
  analyze(context) {
    const { index, report } = context;
    // "selector~port" → gateway → host → bind
    const claims = new Map<string, Map<string, Map<string, string>>>();
    for (const gateway of index.ofKind('Gateway')) {
      for (const server of gateway.spec?.servers ?? []) {
        const key = `${selectorString(gateway.spec?.selector)}~${server?.port?.number}`;
        const byGateway = claims.get(key) ?? new Map<string, Map<string, string>>();
        claims.set(key, byGateway);
        byGateway.set(fullName(gateway), new Map((server?.hosts ?? []).map((host: string) => [String(host), server?.bind ?? ''])));
      }
    }
    for (const gateway of index.ofKind('Gateway')) {
      const selector = selectorString(gateway.spec?.selector);
      const selected = index.podsMatching(gateway.spec?.selector);
      const hits = [...claims].filter(([key]) => {
        const other = key.slice(0, key.lastIndexOf('~'));
        if (other === selector) return true;
        if (!other.includes(selector) && !selector.includes(other)) return false;
        const otherLabels = parseSelectorString(other);
        return selected.some(pod => selectorMatches(otherLabels, pod.metadata.labels));
      });
      if (selector !== '' && hits.length === 0) {
        reportUnselectedGateway(context, gateway);
        continue;
      }
      for (const server of gateway.spec?.servers ?? []) {
        const port = String(server?.port?.number);
        const hosts: string[] = (server?.hosts ?? []).map(String);
        const conflicts: string[] = [];
        for (const [key, byGateway] of hits) {
          if (key.slice(key.lastIndexOf('~') + 1) !== port) continue;
          for (const [other, hostClaims] of byGateway) {
            if (other !== fullName(gateway) && claimHosts(hosts, server?.bind ?? '', hostClaims).length > 0) conflicts.push(other);
          }
        }
        if (conflicts.length > 0) report(finding('IST0145', gateway, messageFor('IST0145', conflicts.sort().join(','), selector, port, hosts.join(','))));
      }
    }
  },
};
