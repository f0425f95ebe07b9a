import { finding } from '../../findings';
import { podInAmbientMode, podInMesh } from '../../../istio/meshMembership';
import { selectorMatches, selectorString } from '../../../istio/selectors';
import { messageFor } from '../../codes';
import { Analyzer } from '../../types';

/** Istio's namespace match: "*", "*suffix", "prefix*", else the same name in any case. */
function namespaceMatches(namespace: string, expression: string): boolean {
  if (expression === '*') return true;
  if (expression.startsWith('*')) return namespace.endsWith(expression.slice(1));
  if (expression.endsWith('*')) return namespace.startsWith(expression.slice(0, -1));
  return namespace.toLowerCase() === expression.toLowerCase();
}

/**
 * IST0127 for an AuthorizationPolicy that selects no workload in the mesh (sidecar or ambient), and
 * IST0101 for a source namespace that matches no namespace.
 */
export const AuthorizationPoliciesAnalyzer: Analyzer = {
  metadata: {
    name: 'auth.AuthorizationPoliciesAnalyzer',
    description: 'Checks the validity of authorization policies',
    inputs: ['MeshConfig', 'AuthorizationPolicy', 'Namespace', 'Pod'],
  },
  analyze({ index, mesh, report }) {
    const meshPodLabels = new Map<string, Array<Record<string, string>>>();
    for (const pod of index.ofKind('Pod')) {
      const namespace = pod.metadata.namespace!;
      const list = meshPodLabels.get(namespace) ?? [];
      meshPodLabels.set(namespace, list);
      if (podInMesh(pod, index.namespace(namespace))) list.push(pod.metadata.labels ?? {});
      if (podInAmbientMode(pod)) list.push(pod.metadata.labels ?? {});
    }
    const namespaces = index.ofKind('Namespace').map(n => n.metadata.name);
    for (const policy of index.ofKind('AuthorizationPolicy')) {
      (policy.spec?.rules ?? []).forEach((rule: any, i: number) => {
        (rule?.from ?? []).forEach((from: any, j: number) => {
          const positive: string[] = from?.source?.namespaces ?? [];
          [...positive, ...(from?.source?.notNamespaces ?? [])].forEach((expression: string, k: number) => {
            if (namespaces.some(namespace => namespaceMatches(namespace, String(expression)))) return;
            const position = k < positive.length ? k : k - positive.length;
            report(
              finding('IST0101', policy, messageFor('IST0101', 'namespace', String(expression)), `spec.rules[${i}].from[${j}].source.namespaces[${position}]`),
            );
          });
        });
      });
      const namespace = policy.metadata.namespace!;
      const selector = policy.spec?.selector;
      if (namespace === mesh.rootNamespace) {
        if (selector && index.podsMatching(selector.matchLabels).length === 0)
          report(finding('IST0127', policy, messageFor('IST0127', selectorString(selector.matchLabels))));
        continue;
      }
      const candidates = meshPodLabels.get(namespace) ?? [];
      if (!selector) {
        if (candidates.length === 0) report(finding('IST0127', policy, messageFor('IST0127', '')));
        continue;
      }
      if (!candidates.some(labels => selectorMatches(selector.matchLabels, labels)))
        report(finding('IST0127', policy, messageFor('IST0127', selectorString(selector.matchLabels))));
    }
  },
};
