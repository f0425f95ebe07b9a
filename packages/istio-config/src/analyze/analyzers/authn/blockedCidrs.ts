import { finding, fullName } from '../../findings';
import { messageFor } from '../../codes';
import { Analyzer } from '../../types';

/** IST0175: RequestAuthentications exist but istiod may fetch JWKS from any address (BLOCKED_CIDRS_IN_JWKS_URIS unset). */
export const BlockedCidrsAnalyzer: Analyzer = {
  metadata: {
    name: 'authn.BlockedCIDRsAnalyzer',
    description: 'Checks that istiod restricts the networks it fetches JWKS from',
    inputs: ['RequestAuthentication', 'Deployment'],
  },
  analyze({ index, report }) {
    const names = index.ofKind('RequestAuthentication').map(fullName);
    if (names.length === 0) return;
    const shown = names.length <= 5 ? names.join(', ') : `${names.slice(0, 5).join(', ')}, and ${names.length - 5} more`;
    for (const deployment of index.ofKind('Deployment')) {
      if (deployment.metadata.labels?.app !== 'istiod') continue;
      const restricted = (deployment.spec?.template?.spec?.containers ?? []).some((c: any) =>
        (c?.env ?? []).some((e: any) => e?.name === 'BLOCKED_CIDRS_IN_JWKS_URIS' && e?.value),
      );
      if (!restricted) report(finding('IST0175', deployment, messageFor('IST0175', names.length, shown)));
    }
  },
};
