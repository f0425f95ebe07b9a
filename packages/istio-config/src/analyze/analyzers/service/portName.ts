import { finding } from '../../findings';
import { GATEWAY_CONTROLLERS, GATEWAY_MANAGED_LABEL, isIstioControlPlane } from '../../../istio/meshMembership';
import { servicePortProtocol } from '../../../istio/protocol';
import { messageFor } from '../../codes';
import { Analyzer } from '../../types';

/**
 * IST0118: Service ports whose name (or appProtocol) tells Istio no protocol; on an ExternalName Service
 * (where Istio cannot sniff) such a port, or one named just "tcp", is IST0150 instead. Istio's own and
 * gateway Services are skipped.
 */
export const PortNameAnalyzer: Analyzer = {
  metadata: { name: 'service.PortNameAnalyzer', description: 'Checks the port names associated with each service', inputs: ['Service'] },
  analyze({ index, report }) {
    for (const service of index.ofKind('Service')) {
      if (isIstioControlPlane(service) || GATEWAY_CONTROLLERS.includes(service.metadata.labels?.[GATEWAY_MANAGED_LABEL] ?? '')) continue;
      const externalName = service.spec?.type === 'ExternalName';
      (service.spec?.ports ?? []).forEach((port: any, i: number) => {
        const unsupported = servicePortProtocol(Number(port?.port), port?.name, port?.protocol, port?.appProtocol) === 'unsupported';
        if (externalName && (unsupported || port?.name === 'tcp')) {
          report(finding('IST0150', service, messageFor('IST0150'), `spec.ports[${i}].port`));
          return;
        }
        if (!unsupported) return;
        const target = port?.targetPort === undefined || port?.targetPort === null ? '0' : String(port.targetPort);
        report(finding('IST0118', service, messageFor('IST0118', port?.name ?? '', Number(port?.port), target), `spec.ports[${i}].port`));
      });
    }
  },
};
