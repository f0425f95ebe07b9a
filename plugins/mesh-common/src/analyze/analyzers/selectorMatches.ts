import { finding, namespaceOf } from '../findings';
import { Analyzer } from '../types';

const SELECTING_KINDS = ['AuthorizationPolicy', 'PeerAuthentication', 'RequestAuthentication', 'Telemetry'];

/** IST0127: a policy whose selector matches no workload in its namespace. */
export const SelectorMatchAnalyzer: Analyzer = {
  metadata: {
    name: 'meshport.SelectorMatchAnalyzer',
    description: 'Finds workload-scoped policies whose selector matches no pod',
    inputs: [...SELECTING_KINDS, 'Pod', 'Deployment'],
  },
  analyze({ index, report }) {
    for (const kind of SELECTING_KINDS) {
      for (const policy of index.ofKind(kind)) {
        const matchLabels = policy.spec?.selector?.matchLabels;
        const namespace = namespaceOf(policy);
        if (!matchLabels || Object.keys(matchLabels).length === 0 || !index.knowsWorkloadsOf(namespace)) continue;
        if (index.workloadsMatching(namespace, matchLabels).length === 0) {
          const wanted = Object.entries(matchLabels).map(([k, v]) => `${k}=${v}`).join(',');
          report(finding('IST0127', policy, `No matching workloads for this resource with the following labels: ${wanted}`, 'spec.selector'));
        }
      }
    }
  },
};
