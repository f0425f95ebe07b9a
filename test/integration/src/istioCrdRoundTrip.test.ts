import { IstioCrdValidator } from '@meshport/test-harness';
import {
  minimalPolicyExample,
  namespacePolicyExample,
  paymentServicePolicyExample,
  renderNamespacePolicy,
  renderPolicy,
} from '@meshport/plugin-mesh-common';

describe('rendered objects against Istio 1.30 CRDs (schemas and CEL rules)', () => {
  let crds: IstioCrdValidator;

  beforeAll(async () => {
    crds = await IstioCrdValidator.load();
  });

  it.each([
    ['the minimal policy', renderPolicy(minimalPolicyExample)],
    ['the full payment-service policy', renderPolicy(paymentServicePolicyExample)],
    ['the namespace policy', renderNamespacePolicy(namespacePolicyExample)],
  ])('%s renders only objects the API server accepts', (_name, rendered) => {
    const istioObjects = rendered.objects.filter(object => object.apiVersion.includes('istio.io'));
    expect(istioObjects.length).toBeGreaterThan(0);
    for (const object of istioObjects) {
      expect({ object: `${object.kind}/${object.metadata.name}`, violations: crds.validate(object) }).toEqual({
        object: `${object.kind}/${object.metadata.name}`,
        violations: [],
      });
    }
  });

  it('refuses what the API server refuses: port-level mTLS without a selector', () => {
    const violations = crds.validate({
      apiVersion: 'security.istio.io/v1',
      kind: 'PeerAuthentication',
      spec: { mtls: { mode: 'STRICT' }, portLevelMtls: { '8080': { mode: 'DISABLE' } } },
    });
    expect(violations.map(v => v.message).join('\n')).toMatch(/portLevelMtls/i);
  });

  it.each([
    ['a JWKS URI that is not http(s)', { apiVersion: 'security.istio.io/v1', kind: 'RequestAuthentication', spec: { jwtRules: [{ issuer: 'x', jwksUri: 'ftp://keys' }] } }, /http/i],
    ['an unknown field', { apiVersion: 'networking.istio.io/v1', kind: 'DestinationRule', spec: { host: 'a', trafficPolicy: { loadBalancer: { simpel: 'RANDOM' } } } }, /additional properties \(simpel\)/],
    ['a zero timeout', { apiVersion: 'networking.istio.io/v1', kind: 'VirtualService', spec: { hosts: ['a'], http: [{ timeout: '0s', route: [{ destination: { host: 'a' } }] }] } }, /1ms/],
  ])('refuses %s', (_name, object, message) => {
    expect(crds.validate(object).map(v => v.message).join('\n')).toMatch(message);
  });
});
