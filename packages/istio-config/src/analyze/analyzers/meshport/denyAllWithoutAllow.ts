import { finding, namespaceOf } from '../../findings';
import { Analyzer, AnalyzedObject } from '../../types';

function isAllowNothing(policy: AnalyzedObject): boolean {
  const action = policy.spec?.action ?? 'ALLOW';
  return action === 'ALLOW' && (policy.spec?.rules ?? []).length === 0 && !policy.spec?.provider;
}

function selectorText(policy: AnalyzedObject): string {
  return JSON.stringify(policy.spec?.selector?.matchLabels ?? {});
}

/** MP0002: an allow-nothing policy with no ALLOW policy that lets anything back in. */
export const DenyAllWithoutAllowAnalyzer: Analyzer = {
  metadata: {
    name: 'meshport.DenyAllWithoutAllowAnalyzer',
    description: 'Finds deny-by-default policies that nothing opens up',
    inputs: ['AuthorizationPolicy'],
  },
  analyze({ index, report, mesh }) {
    // Which namespaces (and selectors within them) have at least one ALLOW policy with rules.
    const openings = new Map<string, Set<string>>();
    for (const policy of index.ofKind('AuthorizationPolicy')) {
      if ((policy.spec?.action ?? 'ALLOW') !== 'ALLOW' || (policy.spec?.rules ?? []).length === 0) continue;
      const set = openings.get(namespaceOf(policy)) ?? new Set<string>();
      set.add(policy.spec?.selector ? selectorText(policy) : '*');
      openings.set(namespaceOf(policy), set);
    }
    const rootOpen = openings.has(mesh.rootNamespace);
    for (const policy of index.ofKind('AuthorizationPolicy')) {
      if (!isAllowNothing(policy)) continue;
      const namespaceOpenings = openings.get(namespaceOf(policy));
      // A namespace-wide deny is opened by any ALLOW in the namespace; a workload deny by one for the same workload or the namespace.
      const opened =
        rootOpen || (namespaceOpenings !== undefined && (!policy.spec?.selector || namespaceOpenings.has('*') || namespaceOpenings.has(selectorText(policy))));
      if (!opened) {
        report(finding('MP0002', policy, 'This policy denies every request and no ALLOW policy with rules lets any caller in'));
      }
    }
  },
};
