import { finding } from '../../findings';
import { gatewaySecretIsValid } from '../../../istio/certificates';
import { shortOrFullName } from '../../../istio/hosts';
import { messageFor } from '../../codes';
import { Analyzer } from '../../types';
import { reportUnselectedGateway } from './ingressGatewayPort';

/** IST0101 (credentialName) and IST0161: each server's certificate secret exists, in the gateway pods' namespace, and is valid. */
export const GatewaySecretAnalyzer: Analyzer = {
  metadata: { name: 'gateway.SecretAnalyzer', description: "Checks a gateway's referenced secrets for correctness", inputs: ['Gateway', 'Pod', 'Secret'] },
  analyze(context) {
    const { index, now, report } = context;
    for (const gateway of index.ofKind('Gateway')) {
      const [pod] = index.podsMatching(gateway.spec?.selector);
      if (!pod) {
        reportUnselectedGateway(context, gateway);
        continue;
      }
      const workloadNamespace = pod.metadata.namespace!;
      (gateway.spec?.servers ?? []).forEach((server: any, i: number) => {
        const credential = server?.tls?.credentialName;
        if (!credential) return;
        const path = `spec.servers[${i}].tls.credentialName`;
        const ref = shortOrFullName(workloadNamespace, String(credential));
        const secret = index.get('Secret', ref.namespace, ref.name);
        if (!secret) report(finding('IST0101', gateway, messageFor('IST0101', 'credentialName', String(credential)), path));
        else if (!gatewaySecretIsValid(secret as any, now))
          report(finding('IST0161', gateway, messageFor('IST0161', gateway.metadata.name, workloadNamespace), path));
      });
    }
  },
};
