import { finding } from '../findings';
import { namespaceInjects, podRequestsInjection, podRefusesInjection } from '../injection';
import { Analyzer } from '../types';

/** IST0102: a namespace with workloads that would get no sidecar. */
export const NamespaceInjectionAnalyzer: Analyzer = {
  metadata: {
    name: 'injection.Analyzer',
    description: 'Finds namespaces whose workloads would run without a sidecar',
    inputs: ['Namespace', 'Pod', 'Deployment'],
  },
  analyze({ index, report, options }) {
    for (const namespace of index.ofKind('Namespace')) {
      const name = namespace.metadata.name;
      if (name === options.rootNamespace || name.startsWith('kube-') || namespace.metadata.labels?.['istio-injection'] === 'disabled') continue;
      if (namespaceInjects(namespace)) continue;
      const uncovered = index
        .workloadsIn(name)
        .filter(w => !podRequestsInjection(w.labels) && !podRefusesInjection(w.labels, w.object.metadata.annotations));
      const workloadsKnown = index.knowsWorkloadsOf(name);
      if (workloadsKnown && uncovered.length === 0) continue;
      report(finding('IST0102', namespace, `The namespace is not enabled for Istio injection. Run 'kubectl label namespace ${name} istio-injection=enabled' to enable it, or 'kubectl label namespace ${name} istio-injection=disabled' to explicitly mark it as not needing injection.`));
    }
  },
};
