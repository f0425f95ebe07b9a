import { finding, namespaceOf } from '../findings';
import { findProxyContainer, namespaceInjects, podRequestsInjection, podRefusesInjection } from '../injection';
import { Analyzer } from '../types';

/** IST0103: a pod that should have a sidecar runs without one. */
export const PodProxyAnalyzer: Analyzer = {
  metadata: { name: 'injection.PodProxyAnalyzer', description: 'Finds pods that should have the Istio proxy but do not', inputs: ['Pod', 'Namespace'] },
  analyze({ index, report }) {
    for (const pod of index.ofKind('Pod')) {
      const labels = pod.metadata.labels ?? {};
      if (podRefusesInjection(labels, pod.metadata.annotations)) continue;
      const injected = namespaceInjects(index.get('Namespace', undefined, namespaceOf(pod))) || podRequestsInjection(labels);
      if (injected && !findProxyContainer(pod)) {
        report(finding('IST0103', pod, 'The pod is missing the Istio proxy. This can often be resolved by restarting or redeploying the workload.'));
      }
    }
  },
};
