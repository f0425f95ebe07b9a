import { finding } from '../../findings';
import { shortOrFullName } from '../../../istio/hosts';
import { selectorMatches } from '../../../istio/selectors';
import { messageFor } from '../../codes';
import { Analyzer } from '../../types';

/** True for a header key that routes on a JWT claim: "@request.auth.claims.x" or "@request.auth.claims[x]". */
function isClaimKey(key: string): boolean {
  if (!key.toLowerCase().startsWith('@request.auth.claims')) return false;
  const rest = key.slice('@request.auth.claims'.length);
  return (rest.startsWith('.') && rest.length > 1) || (rest.startsWith('[') && rest.endsWith(']') && rest.length > 2);
}

/** IST0149: a VirtualService routing on JWT claims at a gateway whose pods no RequestAuthentication covers. */
export const JwtClaimRouteAnalyzer: Analyzer = {
  metadata: {
    name: 'virtualservice.JWTClaimRouteAnalyzer',
    description: 'Checks the VirtualService using JWT claim based routing has corresponding RequestAuthentication',
    inputs: ['VirtualService', 'RequestAuthentication', 'Gateway', 'Pod'],
  },
  analyze({ index, report }) {
    const selectorsByNamespace = new Map<string, Array<Record<string, string>>>();
    for (const ra of index.ofKind('RequestAuthentication')) {
      const list = selectorsByNamespace.get(ra.metadata.namespace!) ?? [];
      list.push(ra.spec?.selector?.matchLabels ?? {});
      selectorsByNamespace.set(ra.metadata.namespace!, list);
    }
    for (const vs of index.ofKind('VirtualService')) {
      const keys = (vs.spec?.http ?? []).flatMap((route: any) =>
        (route?.match ?? []).flatMap((match: any) => [...Object.keys(match?.headers ?? {}), ...Object.keys(match?.withoutHeaders ?? {})]),
      );
      const key = keys.find(isClaimKey);
      if (!key) continue;
      for (const reference of vs.spec?.gateways ?? []) {
        if (reference === 'mesh') continue;
        const ref = shortOrFullName(vs.metadata.namespace!, String(reference));
        const gateway = index.get('Gateway', ref.namespace, ref.name);
        if (!gateway) continue;
        for (const pod of index.podsMatching(gateway.spec?.selector)) {
          const selectors = [...(selectorsByNamespace.get('istio-system') ?? []), ...(selectorsByNamespace.get(pod.metadata.namespace!) ?? [])];
          if (!selectors.some(selector => selectorMatches(selector, pod.metadata.labels))) {
            report(finding('IST0149', vs, messageFor('IST0149', key, `${ref.namespace}/${ref.name}`, pod.metadata.name)));
          }
        }
      }
    }
  },
};
