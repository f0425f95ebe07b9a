import { finding } from '../../findings';
import { GATEWAY_CONTROLLERS, GATEWAY_MANAGED_LABEL, isIstioControlPlane } from '../../istio/meshMembership';
import { servicePortProtocol } from '../../istio/protocol';
import { istioMessages } from '../../messages';
import { Analyzer } from '../../types';

/** IST0118: Service ports whose name (or appProtocol) tells Istio no protocol. Istio's own and gateway Services are skipped. */
export const PortNameAnalyzer: Analyzer = {
  metadata: { name: 'service.PortNameAnalyzer', description: 'Checks the port names associated with each service', inputs: ['Service'] },
  analyze({ index, report }) {
    for (const service of index.ofKind('Service')) {
      if (isIstioControlPlane(service) || GATEWAY_CONTROLLERS.includes(service.metadata.labels?.[GATEWAY_MANAGED_LABEL] ?? '')) continue;
      // An ExternalName Service gets IST0150 in istioctl, which Meshport does not report.
      if (service.spec?.type === 'ExternalName') continue;
      (service.spec?.ports ?? []).forEach((port: any, i: number) => {
        if (servicePortProtocol(Number(port?.port), port?.name, port?.protocol, port?.appProtocol) !== 'unsupported') return;
        const target = port?.targetPort === undefined || port?.targetPort === null ? '0' : String(port.targetPort);
        report(finding('IST0118', service, istioMessages.portNameConvention(port?.name ?? '', Number(port?.port), target), `spec.ports[${i}].port`));
      });
    }
  },
};
