import { finding, namespaceOf } from '../../findings';
import { selectorMatches } from '../../../istio/selectors';
import { Analyzer, AnalyzedObject } from '../../types';

/** Whether a DENY rule refuses requests with no identity on a port: a negative identity match, and no notPorts sparing it. */
function refusesPlaintextOn(rule: any, port: string): boolean {
  const negative = (rule?.from ?? []).some((from: any) =>
    ['notPrincipals', 'notNamespaces', 'notServiceAccounts'].some(field => Array.isArray(from?.source?.[field])),
  );
  if (!negative) return false;
  const operations: any[] = (rule?.to ?? []).map((to: any) => to?.operation ?? {});
  if (operations.length === 0) return true;
  return operations.some(op => (!op.ports || op.ports.map(String).includes(port)) && !(op.notPorts ?? []).map(String).includes(port));
}

/**
 * MP0017: a port that a PeerAuthentication leaves PERMISSIVE (or DISABLE) accepts plaintext, which reaches
 * ztunnel with no identity (ztunnel src/proxy/inbound_passthrough.rs); a DENY on "not this principal" (a
 * waypoint's bypass prevention) matches a request with no identity (src/rbac.rs), so the plaintext the
 * port was opened for is refused.
 */
export const PermissivePortUnderDenyAnalyzer: Analyzer = {
  metadata: {
    name: 'meshport.PermissivePortUnderDenyAnalyzer',
    description: 'Finds PERMISSIVE ports whose plaintext a DENY on notPrincipals refuses',
    inputs: ['PeerAuthentication', 'AuthorizationPolicy'],
  },
  analyze({ index, report }) {
    for (const peer of index.ofKind('PeerAuthentication')) {
      const labels: Record<string, string> | undefined = peer.spec?.selector?.matchLabels;
      const open = Object.entries<any>(peer.spec?.portLevelMtls ?? {}).filter(([, settings]) => ['PERMISSIVE', 'DISABLE'].includes(settings?.mode));
      if (!labels || open.length === 0) continue;
      const denies = index
        .inNamespace('AuthorizationPolicy', namespaceOf(peer))
        .filter((policy: AnalyzedObject) => policy.spec?.action === 'DENY' && !policy.spec?.targetRefs)
        .filter(policy => !policy.spec?.selector?.matchLabels || selectorMatches(policy.spec.selector.matchLabels, labels));
      for (const [port] of open) {
        for (const policy of denies) {
          const ruleIndex = (policy.spec?.rules ?? []).findIndex((rule: any) => refusesPlaintextOn(rule, port));
          if (ruleIndex === -1) continue;
          report(
            finding(
              'MP0017',
              policy,
              `Port ${port} accepts plaintext (PeerAuthentication ${namespaceOf(peer)}/${
                peer.metadata.name
              }), and ztunnel sees no identity for it, which this rule's negative match refuses: add notPorts [${port}] to the rule, or the plaintext is denied`,
              `spec.rules[${ruleIndex}]`,
            ),
          );
        }
      }
    }
  },
};
