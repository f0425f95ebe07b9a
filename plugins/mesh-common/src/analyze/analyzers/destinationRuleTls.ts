import { finding } from '../findings';
import { Analyzer } from '../types';

function verifiesServer(tls: any): boolean {
  return Boolean(tls?.caCertificates || tls?.credentialName || tls?.insecureSkipVerify);
}

function originatesTls(tls: any): boolean {
  return tls?.mode === 'SIMPLE' || tls?.mode === 'MUTUAL';
}

/** IST0128 / IST0129: TLS origination that does not verify the server's certificate. */
export const DestinationRuleTlsAnalyzer: Analyzer = {
  metadata: {
    name: 'destinationrule.CaCertificateAnalyzer',
    description: 'Finds DestinationRules that originate TLS without a CA to verify the server',
    inputs: ['DestinationRule'],
  },
  analyze({ index, report }) {
    for (const dr of index.ofKind('DestinationRule')) {
      const policy = dr.spec?.trafficPolicy;
      if (originatesTls(policy?.tls) && !verifiesServer(policy.tls)) {
        report(finding('IST0128', dr, `DestinationRule ${dr.metadata.name} in namespace ${dr.metadata.namespace ?? 'default'} has TLS mode set to ${policy.tls.mode} but no caCertificates are set to validate server identity for host: ${dr.spec?.host}`, 'spec.trafficPolicy.tls'));
      }
      (policy?.portLevelSettings ?? []).forEach((setting: any, p: number) => {
        if (originatesTls(setting?.tls) && !verifiesServer(setting.tls)) {
          report(finding('IST0129', dr, `DestinationRule ${dr.metadata.name} in namespace ${dr.metadata.namespace ?? 'default'} has TLS mode set to ${setting.tls.mode} but no caCertificates are set to validate server identity for host: ${dr.spec?.host} at port number: ${setting?.port?.number}`, `spec.trafficPolicy.portLevelSettings[${p}].tls`));
        }
      });
    }
  },
};
