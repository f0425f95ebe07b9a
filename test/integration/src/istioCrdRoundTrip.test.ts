import { IstioCrdValidator } from '@meshport/test-harness';
import {
  ambientL4PolicyExample,
  ambientNamespacePolicyExample,
  ambientWaypointPolicyExample,
  minimalPolicyExample,
  namespacePolicyExample,
  paymentServicePolicyExample,
  scopedPolicyExample,
  egressPolicyExample,
  renderNamespacePolicy,
  renderPolicy,
} from '@meshport/plugin-mesh-common';

describe('rendered objects against Istio 1.30 and Gateway API v1.6.0 CRDs (schemas and CEL rules)', () => {
  let crds: IstioCrdValidator;

  beforeAll(async () => {
    crds = await IstioCrdValidator.load();
  });

  it.each([
    ['the minimal policy', renderPolicy(minimalPolicyExample)],
    ['the full payment-service policy', renderPolicy(paymentServicePolicyExample)],
    ['the namespace policy', renderNamespacePolicy(namespacePolicyExample)],
    ['an ambient policy with L4 rules only', renderPolicy(ambientL4PolicyExample)],
    ['a sidecar policy with a proxy scope', renderPolicy(scopedPolicyExample)],
    ['egress: TLS origination, an egress gateway, a cross-cluster service', renderPolicy(egressPolicyExample)],
    ['an ambient policy with a waypoint', renderPolicy(ambientWaypointPolicyExample)],
    ['an ambient namespace with a waypoint', renderNamespacePolicy(ambientNamespacePolicyExample)],
    [
      'a namespace mid-migration to ambient',
      renderNamespacePolicy({ ...namespacePolicyExample, dataPlane: { mode: 'ambient', waypoint: true, migrationStep: 'enroll' } }),
    ],
  ])('%s renders only objects the API server accepts', (_name, rendered) => {
    const istioObjects = rendered.objects.filter(
      object => object.apiVersion.includes('istio.io') || object.apiVersion.startsWith('gateway.networking.k8s.io/'),
    );
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

  it('refuses what the API server refuses: a waypoint listener without a port, an AuthorizationPolicy with both selector and targetRefs', () => {
    const gateway = crds.validate({
      apiVersion: 'gateway.networking.k8s.io/v1',
      kind: 'Gateway',
      spec: { gatewayClassName: 'istio-waypoint', listeners: [{ name: 'mesh', protocol: 'HBONE' }] },
    });
    expect(gateway.map(v => `${v.path} ${v.message}`).join('\n')).toMatch(/port/);
    const policy = crds.validate({
      apiVersion: 'security.istio.io/v1',
      kind: 'AuthorizationPolicy',
      spec: { selector: { matchLabels: { app: 'a' } }, targetRefs: [{ group: '', kind: 'Service', name: 'a' }], action: 'ALLOW' },
    });
    expect(policy.map(v => v.message).join('\n')).toMatch(/selector|targetRef/i);
  });

  it.each([
    [
      'a JWKS URI that is not http(s)',
      { apiVersion: 'security.istio.io/v1', kind: 'RequestAuthentication', spec: { jwtRules: [{ issuer: 'x', jwksUri: 'ftp://keys' }] } },
      /http/i,
    ],
    [
      'an unknown field',
      { apiVersion: 'networking.istio.io/v1', kind: 'DestinationRule', spec: { host: 'a', trafficPolicy: { loadBalancer: { simpel: 'RANDOM' } } } },
      /additional properties \(simpel\)/,
    ],
    [
      'a zero timeout',
      {
        apiVersion: 'networking.istio.io/v1',
        kind: 'VirtualService',
        spec: { hosts: ['a'], http: [{ timeout: '0s', route: [{ destination: { host: 'a' } }] }] },
      },
      /1ms/,
    ],
    [
      // Checked on the route as the API server stores it: its rule's default match ("/" prefix) filled in.
      'an HTTPRoute rewriting a prefix its match is not',
      {
        apiVersion: 'gateway.networking.k8s.io/v1',
        kind: 'HTTPRoute',
        spec: {
          parentRefs: [{ group: '', kind: 'Service', name: 'a' }],
          rules: [
            {
              matches: [{ path: { type: 'Exact', value: '/a' } }],
              filters: [{ type: 'URLRewrite', urlRewrite: { path: { type: 'ReplacePrefixMatch', replacePrefixMatch: '/b' } } }],
            },
          ],
        },
      },
      /path.replacePrefixMatch, exactly one PathPrefix match must be specified/,
    ],
    [
      'a request timeout shorter than the backend timeout',
      {
        apiVersion: 'gateway.networking.k8s.io/v1',
        kind: 'HTTPRoute',
        spec: { parentRefs: [{ group: '', kind: 'Service', name: 'a' }], rules: [{ timeouts: { request: '1s', backendRequest: '2s' } }] },
      },
      /backendRequest/,
    ],
  ])('refuses %s', (_name, object, message) => {
    expect(
      crds
        .validate(object)
        .map(v => v.message)
        .join('\n'),
    ).toMatch(message);
  });
});
