import { finding } from '../../findings';
import { K8S_GATEWAY_NAME_LABEL } from '../../../istio/meshMembership';
import { selectorMatches } from '../../../istio/selectors';
import { messageFor } from '../../codes';
import { Analyzer } from '../../types';

const POLICY_KINDS = ['AuthorizationPolicy', 'RequestAuthentication', 'Telemetry', 'WasmPlugin'];

/** IST0166: a policy that selects the pods of a Gateway API gateway with a selector, which has no effect there. */
export const KubernetesGatewaySelectorAnalyzer: Analyzer = {
  metadata: { name: 'k8sgateway.SelectorAnalyzer', description: 'Check selector on Kubernetes Gateway resources', inputs: [...POLICY_KINDS, 'Pod'] },
  analyze({ index, report }) {
    const gatewayPods = index.ofKind('Pod').filter(pod => K8S_GATEWAY_NAME_LABEL in (pod.metadata.labels ?? {}));
    for (const kind of POLICY_KINDS) {
      for (const policy of index.ofKind(kind)) {
        if (policy.spec?.targetRef || (policy.spec?.targetRefs ?? []).length > 0 || !policy.spec?.selector) continue;
        for (const pod of gatewayPods) {
          if (pod.metadata.namespace !== policy.metadata.namespace || !selectorMatches(policy.spec.selector.matchLabels, pod.metadata.labels)) continue;
          report(finding('IST0166', policy, messageFor('IST0166', pod.metadata.labels![K8S_GATEWAY_NAME_LABEL])));
        }
      }
    }
  },
};
