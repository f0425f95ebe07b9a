import { finding, fullName } from '../../findings';
import { selectorMatches } from '../../../istio/selectors';
import { messageFor } from '../../codes';
import { Analyzer, AnalyzedObject } from '../../types';

const certificateKey = (tls: any) => `${tls?.credentialName ?? ''}-${tls?.serverCertificate ?? ''}-${tls?.privateKey ?? ''}`;

/** IST0138: Gateways on the same workloads serving the same certificate (clients reusing an HTTP/2 connection get 404s). */
export const GatewayCertificateAnalyzer: Analyzer = {
  metadata: { name: 'gateway.CertificateAnalyzer', description: 'Checks a gateway certificate', inputs: ['Gateway'] },
  analyze({ index, report }) {
    const byCertificate = new Map<string, AnalyzedObject[]>();
    for (const gateway of index.ofKind('Gateway')) {
      for (const server of gateway.spec?.servers ?? []) {
        if (!server?.tls) continue;
        const key = certificateKey(server.tls);
        byCertificate.set(key, [...(byCertificate.get(key) ?? []), gateway]);
      }
    }
    for (const gateway of index.ofKind('Gateway')) {
      const selector: Record<string, string> = gateway.spec?.selector ?? {};
      for (const server of gateway.spec?.servers ?? []) {
        if (!server?.tls) continue;
        for (const other of byCertificate.get(certificateKey(server.tls)) ?? []) {
          if (fullName(other) === fullName(gateway)) continue;
          if (Object.keys(selector).length === 0 || selectorMatches(selector, other.spec?.selector)) {
            report(finding('IST0138', gateway, messageFor('IST0138', [fullName(gateway), fullName(other)]), 'metadata.name'));
          }
        }
      }
    }
  },
};
