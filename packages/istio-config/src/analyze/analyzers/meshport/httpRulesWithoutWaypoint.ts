import { finding, namespaceOf } from '../../findings';
import { DATAPLANE_MODE_LABEL, deploymentInMesh, namespaceInAmbientMode, podInMesh } from '../../../istio/meshMembership';
import { Analyzer, AnalyzedObject, AnalyzerContext } from '../../types';
import { POD_RUNNING_KINDS } from '../../../objects/kinds';
import { httpAttributes } from '../../../istio/authorizationAttributes';
import { WorkloadView } from '../../../objects/workloads';
import { workloadsMatching } from './workloads';

/** Whether ztunnel, not a sidecar, serves a workload: ambient by its own label or its namespace's, and no sidecar. */
function servedByZtunnel(context: AnalyzerContext, workload: WorkloadView): boolean {
  const namespace = context.index.namespace(namespaceOf(workload.object));
  const mode = workload.labels[DATAPLANE_MODE_LABEL];
  if (mode === 'none' || (mode !== 'ambient' && !namespaceInAmbientMode(namespace))) return false;
  // A sidecar takes precedence over ambient.
  return !(workload.object.kind === 'Pod' ? podInMesh(workload.object, namespace) : deploymentInMesh(workload.object, namespace));
}

/**
 * MP0011: a policy attached by selector to ambient workloads, which ztunnel enforces, asking for what only
 * an HTTP proxy can check. ztunnel drops the rules of an ALLOW policy that match HTTP attributes (so fewer
 * callers get in, often none), applies a DENY policy without them (so more are refused), and does not
 * validate tokens at all (RequestAuthentication). Such rules belong on a waypoint, attached with targetRefs.
 */
export const HttpRulesWithoutWaypointAnalyzer: Analyzer = {
  metadata: {
    name: 'meshport.HttpRulesWithoutWaypointAnalyzer',
    description: 'Finds HTTP rules ztunnel cannot enforce on ambient workloads',
    inputs: ['AuthorizationPolicy', 'RequestAuthentication'],
    lookups: ['Namespace', ...POD_RUNNING_KINDS],
  },
  analyze(context) {
    const ambientTargets = (policy: AnalyzedObject) =>
      policy.spec?.targetRefs || policy.spec?.targetRef
        ? []
        : workloadsMatching(context, namespaceOf(policy), policy.spec?.selector?.matchLabels).filter(w => servedByZtunnel(context, w));
    const named = (workloads: WorkloadView[]) => workloads.map(w => `${w.object.kind} ${w.object.metadata.name}`).join(', ');
    for (const policy of context.index.ofKind('AuthorizationPolicy')) {
      const attributes = httpAttributes(policy);
      if (attributes.length === 0) continue;
      const workloads = ambientTargets(policy);
      if (workloads.length === 0) continue;
      const effect =
        (policy.spec?.action ?? 'ALLOW') === 'DENY'
          ? 'applies the policy without them, refusing more than it says'
          : 'drops the rules with them, letting fewer callers in than it says';
      context.report(
        finding(
          'MP0011',
          policy,
          `ztunnel enforces this policy on ambient workloads (${named(workloads)}) and cannot match HTTP attributes (${attributes.join(
            ', ',
          )}); it ${effect}. Attach it to a waypoint with targetRefs`,
          'spec.selector',
        ),
      );
    }
    for (const policy of context.index.ofKind('RequestAuthentication')) {
      const workloads = ambientTargets(policy);
      if (workloads.length === 0) continue;
      context.report(
        finding(
          'MP0011',
          policy,
          `ztunnel serves the ambient workloads this policy selects (${named(workloads)}) and validates no tokens: attach it to a waypoint with targetRefs`,
          'spec.selector',
        ),
      );
    }
  },
};
