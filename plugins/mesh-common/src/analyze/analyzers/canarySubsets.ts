import { finding, namespaceOf } from '../findings';
import { Analyzer } from '../types';

/** MP0005: a DestinationRule subset that matches no pod of the service's namespace. */
export const CanarySubsetAnalyzer: Analyzer = {
  metadata: { name: 'meshport.CanarySubsetAnalyzer', description: 'Finds subsets whose labels match no pod', inputs: ['DestinationRule', 'Pod', 'Deployment'] },
  analyze({ index, report }) {
    for (const dr of index.ofKind('DestinationRule')) {
      const host: string = dr.spec?.host ?? '';
      // The service's namespace: from the host when it is cluster-local, else the rule's own.
      const parts = host.split('.');
      const namespace = parts.length >= 2 && parts[2] === 'svc' ? parts[1] : namespaceOf(dr);
      if (!index.knowsWorkloadsOf(namespace)) continue;
      (dr.spec?.subsets ?? []).forEach((subset: any, s: number) => {
        const labels = { ...(subset?.labels ?? {}) };
        // Subset labels add to the service's own pod selector; without the Service, app= is the usual key.
        const app = parts.length >= 1 ? parts[0] : undefined;
        const candidates = index.workloadsMatching(namespace, labels);
        const forService = candidates.filter(w => !app || !w.labels.app || w.labels.app === app);
        if (forService.length === 0) {
          report(finding('MP0005', dr, `Subset "${subset?.name}" (${Object.entries(labels).map(([k, v]) => `${k}=${v}`).join(',')}) matches no pod of ${host}`, `spec.subsets[${s}]`));
        }
      });
    }
  },
};
