import { finding, fullName } from '../../findings';
import { messageFor } from '../../codes';
import { Analyzer } from '../../types';

/** TLS that verifies nothing: SIMPLE or MUTUAL without caCertificates (credentialName counts with a workloadSelector). */
function unverified(tls: any, workloadSelector: unknown): boolean {
  return (tls?.mode === 'SIMPLE' || tls?.mode === 'MUTUAL') && !tls?.caCertificates && !(tls?.credentialName && workloadSelector);
}

/** The Go text form of a port selector, as istioctl prints it: "number:443". */
const portText = (port: any) => (port?.number ? `number:${port.number}` : '');

/** IST0128 and IST0129: DestinationRule TLS that does not verify the server's certificate. */
export const CaCertificateAnalyzer: Analyzer = {
  metadata: {
    name: 'destinationrule.CaCertificateAnalyzer',
    description: 'Checks if caCertificates is set when TLS mode is SIMPLE/MUTUAL',
    inputs: ['DestinationRule'],
  },
  analyze({ index, report }) {
    for (const rule of index.ofKind('DestinationRule')) {
      const policy = rule.spec?.trafficPolicy;
      const namespace = rule.metadata.namespace!;
      const host = String(rule.spec?.host ?? '');
      if (unverified(policy?.tls, rule.spec?.workloadSelector)) {
        report(finding('IST0128', rule, messageFor('IST0128', fullName(rule), namespace, policy.tls.mode, host), 'spec.trafficPolicy.tls.caCertificates'));
      }
      (policy?.portLevelSettings ?? []).forEach((setting: any, i: number) => {
        if (!unverified(setting?.tls, rule.spec?.workloadSelector)) return;
        report(
          finding(
            'IST0129',
            rule,
            messageFor('IST0129', fullName(rule), namespace, setting.tls.mode, host, portText(setting.port)),
            `spec.trafficPolicy.portLevelSettings[${i}].tls.caCertificates`,
          ),
        );
      });
    }
  },
};
