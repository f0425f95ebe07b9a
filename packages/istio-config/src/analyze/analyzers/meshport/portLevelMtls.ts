import { finding } from '../../findings';
import { Analyzer } from '../../types';
import { POD_RUNNING_KINDS } from '../../../objects/kinds';
import { containerPorts } from '../../../objects/workloads';
import { workloadsMatching } from './workloads';

/**
 * MP0008: portLevelMtls names ports by the workload's (container) port. A key that no selected
 * container declares is ignored by Istio, which is easy to miss when it is the Service's port.
 */
export const PortLevelMtlsAnalyzer: Analyzer = {
  metadata: {
    name: 'meshport.PortLevelMtlsAnalyzer',
    description: 'Checks that port-level mTLS names ports the selected containers expose',
    inputs: ['PeerAuthentication', 'Deployment'],
  },
  analyze(context) {
    for (const pa of context.index.ofKind('PeerAuthentication')) {
      const selector = pa.spec?.selector?.matchLabels;
      const keys = Object.keys(pa.spec?.portLevelMtls ?? {});
      if (!selector || keys.length === 0) continue;
      const workloads = workloadsMatching(context, pa.metadata.namespace!, selector);
      const declared = new Set(workloads.flatMap(containerPorts).map(port => port.number));
      // Containers need not declare their ports; only when some are declared can a missing one be told.
      if (declared.size === 0) continue;
      const services = context.index.inNamespace('Service', pa.metadata.namespace!);
      for (const key of keys) {
        if (declared.has(Number(key))) continue;
        const asServicePort = services.find(s => (s.spec?.ports ?? []).some((p: any) => Number(p?.port) === Number(key)));
        const hint = asServicePort ? `; ${key} is a port of Service ${asServicePort.metadata.name}, whose pods listen on another` : '';
        const message = `portLevelMtls names port ${key}, which no selected container (${POD_RUNNING_KINDS.join(
          ', ',
        )}) exposes; Istio keys it by the workload port and ignores it${hint}`;
        context.report(finding('MP0008', pa, message, `spec.portLevelMtls.${key}`));
      }
    }
  },
};
