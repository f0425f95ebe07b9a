import { finding } from '../../findings';
import { destinationService } from '../../../istio/serviceLookup';
import { selectorMatches } from '../../../istio/selectors';
import { messageFor } from '../../codes';
import { Analyzer, AnalyzedObject } from '../../types';

/** A pod's labels with the topology labels istiod adds from its node. */
function augmentedLabels(pod: AnalyzedObject, node: AnalyzedObject | undefined): Record<string, string> {
  const labels = { ...(pod.metadata.labels ?? {}) };
  for (const key of ['topology.kubernetes.io/region', 'topology.kubernetes.io/zone', 'topology.istio.io/subzone']) {
    const value = node?.metadata.labels?.[key];
    if (value) labels[key] = value;
  }
  if (pod.spec?.nodeName) labels['kubernetes.io/hostname'] = pod.spec.nodeName;
  return labels;
}

/** IST0174 for a DestinationRule host that matches no service, IST0173 for a subset that selects no pod. */
export const SubsetSelectsPodsAnalyzer: Analyzer = {
  metadata: {
    name: 'destinationrule.SubsetSelectPodAnalyzer',
    description: 'Checks that each subset of a DestinationRule selects pods',
    inputs: ['DestinationRule', 'Pod', 'Service', 'ServiceEntry'],
    lookups: ['Node'],
  },
  analyze({ index, mesh, report }) {
    const services = index.serviceHosts();
    const pending: Array<{ rule: AnalyzedObject; subset: string; labels: Record<string, string> }> = [];
    for (const rule of index.ofKind('DestinationRule')) {
      const host = String(rule.spec?.host ?? '');
      const service = destinationService(rule.metadata.namespace!, rule.spec?.exportTo, host, services, mesh.clusterDomain);
      if (!service) {
        report(finding('IST0174', rule, messageFor('IST0174', host)));
        continue;
      }
      for (const subset of rule.spec?.subsets ?? [])
        pending.push({ rule, subset: String(subset?.name), labels: { ...(service.workloadLabels ?? {}), ...(subset?.labels ?? {}) } });
    }
    let augmented: Array<Record<string, string>> | undefined;
    for (const { rule, subset, labels } of pending) {
      // Subsets on topology labels are matched against what istiod adds from the node; others through the label index.
      const byTopology = Object.keys(labels).some(key => key.startsWith('topology.') || key === 'kubernetes.io/hostname');
      if (byTopology)
        augmented ??= index.ofKind('Pod').map(pod => augmentedLabels(pod, pod.spec?.nodeName ? index.get('Node', undefined, pod.spec.nodeName) : undefined));
      const selects = byTopology ? augmented!.some(podLabels => selectorMatches(labels, podLabels)) : index.podsMatching(labels).length > 0;
      if (!selects) report(finding('IST0173', rule, messageFor('IST0173', subset)));
    }
  },
};
