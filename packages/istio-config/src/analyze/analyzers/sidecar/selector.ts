import { finding, selectorNotFound } from '../../findings';
import { namespaceInAmbientMode, podInAmbientMode } from '../../../istio/meshMembership';
import { messageFor } from '../../codes';
import { Analyzer, AnalyzedObject } from '../../types';

/** The Sidecars' names, sorted, as istioctl lists them. */
const namesOf = (sidecars: AnalyzedObject[]) => sidecars.map(s => s.metadata.name).sort();

/**
 * IST0101 for a Sidecar selecting no pod, IST0110 for pods selected by several, IST0111 for several
 * namespace-wide Sidecars, and IST0167 where ambient mode makes a Sidecar ineffective.
 */
export const SidecarSelectorAnalyzer: Analyzer = {
  metadata: {
    name: 'sidecar.SelectorAnalyzer',
    description: 'Validates that sidecars that define a workload selector match at least one pod, and that multiple sidecars do not match the same pod',
    inputs: ['Sidecar', 'Pod', 'Namespace'],
  },
  analyze({ index, report }) {
    const byPod = new Map<AnalyzedObject, AnalyzedObject[]>();
    const namespaceWide = new Map<string, AnalyzedObject[]>();
    for (const sidecar of index.ofKind('Sidecar')) {
      const labels: Record<string, string> = sidecar.spec?.workloadSelector?.labels ?? {};
      const namespace = sidecar.metadata.namespace!;
      if (Object.keys(labels).length === 0) {
        namespaceWide.set(namespace, [...(namespaceWide.get(namespace) ?? []), sidecar]);
        continue;
      }
      const pods = index.podsMatching(labels, namespace);
      if (pods.length === 0) report(selectorNotFound(sidecar, labels, 'spec.workloadSelector.labels'));
      for (const pod of pods) byPod.set(pod, [...(byPod.get(pod) ?? []), sidecar]);
    }
    const reported = new Set<AnalyzedObject>();
    const ineffective = (sidecar: AnalyzedObject, reason: string) => {
      if (reported.has(sidecar)) return;
      reported.add(sidecar);
      report(finding('IST0167', sidecar, messageFor('IST0167', reason)));
    };
    for (const [pod, sidecars] of byPod) {
      const ambient = podInAmbientMode(pod);
      if (sidecars.length === 1 && !ambient) continue;
      for (const sidecar of sidecars) {
        if (ambient) ineffective(sidecar, 'selected workload is in ambient mode, the policy has no impact');
        else report(finding('IST0110', sidecar, messageFor('IST0110', namesOf(sidecars), pod.metadata.namespace!, pod.metadata.name), 'metadata.name'));
      }
    }
    for (const [namespace, sidecars] of namespaceWide) {
      if (namespaceInAmbientMode(index.namespace(namespace))) {
        for (const sidecar of sidecars) ineffective(sidecar, 'namespace is in ambient mode, the policy has no impact');
        continue;
      }
      if (sidecars.length > 1) for (const sidecar of sidecars) report(finding('IST0111', sidecar, messageFor('IST0111', namesOf(sidecars), namespace)));
    }
  },
};
