import { finding } from '../../findings';
import { Analyzer } from '../../types';

function isHttps(value: unknown): boolean {
  return typeof value === 'string' && value.startsWith('https://');
}

/** MP0003: signing keys fetched over plain http, or an http issuer. */
export const JwtTransportAnalyzer: Analyzer = {
  metadata: { name: 'meshport.JwtTransportAnalyzer', description: 'Checks that JWT issuers and JWKS URIs use https', inputs: ['RequestAuthentication'] },
  analyze({ index, report }) {
    for (const ra of index.ofKind('RequestAuthentication')) {
      (ra.spec?.jwtRules ?? []).forEach((rule: any, r: number) => {
        if (rule?.jwksUri !== undefined && !isHttps(rule.jwksUri)) {
          report(
            finding('MP0003', ra, `jwksUri "${rule.jwksUri}" is not https: anyone on the path could swap the signing keys`, `spec.jwtRules[${r}].jwksUri`),
          );
        }
        if (typeof rule?.issuer === 'string' && rule.issuer.startsWith('http://')) {
          report(
            finding('MP0003', ra, `issuer "${rule.issuer}" is an http URL; its discovery document would be fetched without TLS`, `spec.jwtRules[${r}].issuer`),
          );
        }
      });
    }
  },
};
