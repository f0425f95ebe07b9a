import { finding, resourceName } from '../findings';
import { Analyzer, AnalyzedObject } from '../types';

interface Claim {
  gateway: AnalyzedObject;
  host: string;
}

function selectorKey(gateway: AnalyzedObject): string {
  const selector: Record<string, string> = gateway.spec?.selector ?? {};
  return Object.keys(selector).sort().map(k => `${k}=${selector[k]}`).join(',');
}

function bareHost(host: string): string {
  return host.includes('/') ? host.split('/', 2)[1] : host;
}

/** The patterns that would claim the same requests as `host`: itself, "*" and every "*.suffix" above it. */
function overlappingPatterns(host: string): string[] {
  const labels = host.replace(/^\*\./, '').split('.');
  const patterns = [host, '*'];
  for (let i = 1; i < labels.length; i += 1) patterns.push(`*.${labels.slice(i).join('.')}`);
  if (host.startsWith('*.')) patterns.push(`*.${labels.join('.')}`);
  return patterns;
}

/** IST0145: two Gateways on the same workload claim the same port and host. */
export const ConflictingGatewayAnalyzer: Analyzer = {
  metadata: { name: 'gateway.ConflictingGatewayAnalyzer', description: 'Finds Gateways that claim the same port and host on the same workload', inputs: ['Gateway'] },
  analyze({ index, report }) {
    // (selector, port) → host pattern → claims; each host then looks up only the patterns that overlap it.
    const groups = new Map<string, Map<string, Claim[]>>();
    for (const gateway of index.ofKind('Gateway')) {
      for (const server of gateway.spec?.servers ?? []) {
        const key = `${selectorKey(gateway)}|${server?.port?.number}`;
        let byHost = groups.get(key);
        if (!byHost) groups.set(key, (byHost = new Map()));
        for (const raw of server?.hosts ?? []) {
          const host = bareHost(String(raw));
          const claims = byHost.get(host);
          if (claims) claims.push({ gateway, host });
          else byHost.set(host, [{ gateway, host }]);
        }
      }
    }
    const reported = new Set<string>();
    for (const [key, byHost] of groups) {
      const [selector, port] = key.split('|');
      for (const [host, claims] of byHost) {
        for (const pattern of overlappingPatterns(host)) {
          for (const other of byHost.get(pattern) ?? []) {
            for (const claim of claims) {
              if (claim.gateway === other.gateway) continue;
              const [first, second] = [resourceName(claim.gateway), resourceName(other.gateway)].sort();
              const pair = `${first}|${second}|${port}`;
              if (reported.has(pair)) continue;
              reported.add(pair);
              const owner = first === resourceName(claim.gateway) ? claim.gateway : other.gateway;
              report(finding('IST0145', owner, `Conflict with gateway ${second === resourceName(owner) ? first : second} (workload selector ${selector || '(none)'}, port ${port}, hosts ${claim.host} and ${other.host}).`));
            }
          }
        }
      }
    }
  },
};
