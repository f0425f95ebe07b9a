import { finding } from '../../findings';
import { Analyzer } from '../../types';

/** MP0004 (port-level mTLS without a selector) and MP0006 (a mode weaker than STRICT). */
export const PeerAuthenticationAnalyzer: Analyzer = {
  metadata: {
    name: 'meshport.PeerAuthenticationAnalyzer',
    description: 'Checks PeerAuthentication port-level settings and modes',
    inputs: ['PeerAuthentication'],
  },
  analyze({ index, report }) {
    for (const pa of index.ofKind('PeerAuthentication')) {
      const hasSelector = Object.keys(pa.spec?.selector?.matchLabels ?? {}).length > 0;
      if (pa.spec?.portLevelMtls && Object.keys(pa.spec.portLevelMtls).length > 0 && !hasSelector) {
        report(finding('MP0004', pa, 'portLevelMtls only takes effect for a PeerAuthentication with a workload selector (matchLabels)', 'spec.portLevelMtls'));
      }
      const mode = pa.spec?.mtls?.mode;
      if (mode === 'PERMISSIVE' || mode === 'DISABLE') {
        report(finding('MP0006', pa, `mTLS mode is ${mode}: plaintext traffic is accepted`, 'spec.mtls.mode'));
      }
    }
  },
};
