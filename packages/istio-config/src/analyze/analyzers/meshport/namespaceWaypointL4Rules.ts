import { finding, namespaceOf } from '../../findings';
import { selectorMatches } from '../../../istio/selectors';
import { Analyzer, AnalyzedObject } from '../../types';

const USE_WAYPOINT = 'istio.io/use-waypoint';
const IDENTITY_FIELDS = ['principals', 'namespaces', 'serviceAccounts'];

/** The paths of a policy's rules that admit callers by identity: what a waypoint's identity replaces. */
function identityMatches(policy: AnalyzedObject): string[] {
  const paths: string[] = [];
  (policy.spec?.rules ?? []).forEach((rule: any, i: number) =>
    (rule?.from ?? []).forEach((from: any, j: number) =>
      IDENTITY_FIELDS.filter(field => Array.isArray(from?.source?.[field])).forEach(field => paths.push(`spec.rules[${i}].from[${j}].source.${field}`)),
    ),
  );
  return paths;
}

/**
 * MP0016: `istio.io/use-waypoint` on a Namespace binds every Service in it to the waypoint
 * (pilot/pkg/serviceregistry/ambient/waypoints.go), and ztunnel then sees the waypoint's identity, not the
 * caller's. An ALLOW policy enforced by ztunnel (attached by selector) that admits callers by identity, on
 * pods behind such a Service, admits none of them.
 */
export const NamespaceWaypointL4RulesAnalyzer: Analyzer = {
  metadata: {
    name: 'meshport.NamespaceWaypointL4RulesAnalyzer',
    description: "Finds selector ALLOW policies whose callers a namespace waypoint's identity hides from ztunnel",
    inputs: ['Namespace', 'Service', 'AuthorizationPolicy'],
  },
  analyze({ index, report }) {
    for (const policy of index.ofKind('AuthorizationPolicy')) {
      const selector = policy.spec?.selector?.matchLabels;
      if ((policy.spec?.action ?? 'ALLOW') !== 'ALLOW' || !selector || policy.spec?.targetRefs || policy.spec?.targetRef) continue;
      const namespace = namespaceOf(policy);
      const waypoint = index.namespace(namespace)?.metadata.labels?.[USE_WAYPOINT];
      if (!waypoint || waypoint === 'none') continue;
      const paths = identityMatches(policy);
      if (paths.length === 0) continue;
      // The Services in front of the selected pods that follow the namespace's waypoint (no label of their own).
      const bound = index
        .inNamespace('Service', namespace)
        .filter(service => service.spec?.selector && selectorMatches(service.spec.selector, selector) && !service.metadata.labels?.[USE_WAYPOINT]);
      if (bound.length === 0) continue;
      report(
        finding(
          'MP0016',
          policy,
          `Namespace ${namespace} sends Service ${bound
            .map(s => s.metadata.name)
            .join(
              ', ',
            )} through waypoint ${waypoint}: ztunnel sees the waypoint's identity, not the callers this policy admits by identity, so it admits none of them`,
          paths[0],
        ),
      );
    }
  },
};
