import { analyze } from '../../analyze';
import { ingressGateway, object, service, spec } from '../../../testUtils/objects';

const vs = (name: string, namespace: string, body: Record<string, unknown>) => spec('VirtualService', name, namespace, body);
const to = (host: string, extra: Record<string, unknown> = {}) => ({ route: [{ destination: { host, ...extra } }] });
const messages = (objects: unknown[], code: string) =>
  analyze(objects)
    .filter(f => f.code === code)
    .map(f => `${f.resource}: ${f.message}`);

describe('virtualservice.DestinationHostAnalyzer', () => {
  const reviews = service('reviews', 'bookinfo', { app: 'reviews' });

  it.each([
    ["a short name, in the VirtualService's namespace", vs('a', 'bookinfo', { hosts: ['x'], http: [to('reviews')] }), []],
    ["a full name of another namespace's Service", vs('a', 'other', { hosts: ['x'], http: [to('reviews.bookinfo.svc.cluster.local')] }), []],
    [
      'a short name from another namespace',
      vs('a', 'other', { hosts: ['x'], http: [to('reviews')] }),
      ['VirtualService other/a: Referenced host not found: "reviews"'],
    ],
    [
      'a dotted short name (istioctl does not expand it)',
      vs('a', 'other', { hosts: ['x'], http: [to('reviews.bookinfo')] }),
      ['VirtualService other/a: Referenced host not found: "reviews.bookinfo"'],
    ],
  ])('resolves %s', (_case, virtualService, expected) => {
    expect(messages([reviews, virtualService], 'IST0101')).toEqual(expected);
  });

  it('finds external hosts through a wildcard ServiceEntry, and the port through it', () => {
    const entry = spec('ServiceEntry', 'ext', 'bookinfo', { hosts: ['*.example.com'], ports: [{ number: 443, name: 'tls', protocol: 'TLS' }] });
    expect(
      messages(
        [
          entry,
          vs('a', 'bookinfo', { hosts: ['x'], tls: [{ match: [{ sniHosts: ['api.example.com'] }], ...to('api.example.com', { port: { number: 443 } }) }] }),
        ],
        'IST0101',
      ),
    ).toEqual([]);
    expect(
      messages(
        [
          entry,
          vs('a', 'bookinfo', { hosts: ['x'], tls: [{ match: [{ sniHosts: ['api.example.com'] }], ...to('api.example.com', { port: { number: 8443 } }) }] }),
        ],
        'IST0101',
      ),
    ).toEqual(['VirtualService bookinfo/a: Referenced host:port not found: "api.example.com:8443"']);
  });

  it('sees a Service only where it is exported (networking.istio.io/exportTo), and looks where the VirtualService is exported', () => {
    const local = service('reviews', 'bookinfo', { app: 'reviews' }, undefined, { annotations: { 'networking.istio.io/exportTo': '.' } });
    const fromOther = vs('a', 'other', { hosts: ['x'], http: [to('reviews.bookinfo.svc.cluster.local')] });
    expect(messages([local, fromOther], 'IST0101')).toEqual(['VirtualService other/a: Referenced host not found: "reviews.bookinfo.svc.cluster.local"']);
    expect(messages([local, vs('a', 'bookinfo', { hosts: ['x'], http: [to('reviews')] })], 'IST0101')).toEqual([]);
    const exportedTo = vs('a', 'other', { hosts: ['x'], exportTo: ['bookinfo'], http: [to('reviews.bookinfo.svc.cluster.local')] });
    expect(messages([local, exportedTo], 'IST0101')).toEqual([]);
  });

  it('checks mirrors as "mirror host", on the mirror\'s path', () => {
    const [finding] = analyze([reviews, vs('a', 'bookinfo', { hosts: ['x'], http: [{ ...to('reviews'), mirror: { host: 'shadow' } }] })]).filter(
      f => f.code === 'IST0101',
    );
    expect(finding).toMatchObject({ message: 'Referenced mirror host not found: "shadow"', path: 'spec.http[0].mirror.host' });
  });
});

describe('virtualservice.DestinationRuleAnalyzer', () => {
  const rule = (namespace: string, host: string) =>
    spec('DestinationRule', 'reviews', namespace, { host, subsets: [{ name: 'v1', labels: { version: 'v1' } }] });

  it.each([
    ['a DestinationRule with the short host, same namespace', rule('bookinfo', 'reviews'), 'reviews', []],
    ['a DestinationRule with the full host, any namespace', rule('other', 'reviews.bookinfo.svc.cluster.local'), 'reviews', []],
    [
      'a DestinationRule with the short host in another namespace',
      rule('other', 'reviews'),
      'reviews',
      ['VirtualService bookinfo/a: Referenced host+subset in destinationrule not found: "reviews+v1"'],
    ],
  ])('matches %s', (_case, destinationRule, host, expected) => {
    expect(
      messages([destinationRule, vs('a', 'bookinfo', { hosts: ['x'], http: [to(host, { subset: 'v1' })] })], 'IST0101').filter(m => m.includes('subset')),
    ).toEqual(expected);
  });
});

describe('virtualservice.GatewayAnalyzer', () => {
  const gateway = (namespace: string, hosts: string[]) =>
    spec('Gateway', 'gw', namespace, { selector: { istio: 'ingressgateway' }, servers: [{ port: { number: 80, name: 'http', protocol: 'HTTP' }, hosts }] });

  it('reports a missing gateway twice, as istioctl does: not found, and its hosts not served', () => {
    expect(messages([vs('a', 'shop', { hosts: ['shop.example.com'], gateways: ['nowhere'] })], 'IST0101')).toEqual([
      'VirtualService shop/a: Referenced gateway not found: "nowhere"',
    ]);
    expect(messages([vs('a', 'shop', { hosts: ['shop.example.com'], gateways: ['nowhere'] })], 'IST0132')).toEqual([
      'VirtualService shop/a: one or more host [shop.example.com] defined in VirtualService shop/a not found in Gateway shop/nowhere.',
    ]);
  });

  it.each([
    ['"mesh"', 'mesh', gateway('istio-system', ['*']), []],
    ['a gateway of another namespace by "ns/name"', 'istio-system/gw', gateway('istio-system', ['shop.example.com']), []],
    ["hosts scoped to the VirtualService's namespace", 'istio-system/gw', gateway('istio-system', ['shop/shop.example.com']), []],
    ['hosts scoped to another namespace', 'istio-system/gw', gateway('istio-system', ['other/shop.example.com']), ['IST0132']],
    ['"./host" of the gateway\'s own namespace', 'istio-system/gw', gateway('istio-system', ['./shop.example.com']), ['IST0132']],
    ['"*/host"', 'istio-system/gw', gateway('istio-system', ['*/shop.example.com']), []],
    ['a wildcard gateway host', 'istio-system/gw', gateway('istio-system', ['*.example.com']), []],
  ])('handles %s', (_case, reference, gw, codes) => {
    const found = analyze([gw, vs('a', 'shop', { hosts: ['shop.example.com'], gateways: [reference] })]).filter(
      f => f.resource.startsWith('VirtualService') && ['IST0101', 'IST0132'].includes(f.code),
    );
    expect(found.map(f => f.code)).toEqual(codes);
  });

  it("accepts a Gateway API gateway, by its listeners' hostnames", () => {
    const listeners = (hostname?: string) =>
      object('KubernetesGateway', 'gw', 'shop', {
        spec: { gatewayClassName: 'istio', listeners: [{ name: 'http', port: 80, protocol: 'HTTP', ...(hostname ? { hostname } : {}) }] },
      });
    expect(
      analyze([listeners(), vs('a', 'shop', { hosts: ['shop.example.com'], gateways: ['gw'] })]).filter(
        f => f.code === 'IST0132' || f.message.includes('gateway'),
      ),
    ).toEqual([]);
    expect(
      analyze([listeners('other.example.com'), vs('a', 'shop', { hosts: ['shop.example.com'], gateways: ['gw'] })])
        .filter(f => f.code === 'IST0132' || f.message.includes('gateway'))
        .map(f => f.code),
    ).toEqual(['IST0132']);
  });
});

describe('virtualservice.ConflictingMeshGatewayHostsAnalyzer', () => {
  it('finds no conflict between VirtualServices exported to different namespaces', () => {
    const objects = [vs('a', 'default', { hosts: ['productpage'], exportTo: ['.'] }), vs('b', 'default', { hosts: ['productpage'], exportTo: ['other'] })];
    expect(messages(objects, 'IST0109')).toEqual([]);
  });

  it('matches a namespace-scoped host against wildcard hosts exported to all', () => {
    const objects = [vs('a', 'default', { hosts: ['api.example.com'], exportTo: ['.'] }), vs('b', 'other', { hosts: ['*.example.com'] })];
    expect(messages(objects, 'IST0109')).toHaveLength(2);
    expect(messages(objects, 'IST0109')[0]).toContain('define the same host default/api.example.com');
  });

  it('leaves out VirtualServices bound to gateways only', () => {
    expect(messages([vs('a', 'default', { hosts: ['x'], gateways: ['gw'] }), vs('b', 'default', { hosts: ['x'], gateways: ['gw'] })], 'IST0109')).toEqual([]);
  });
});

describe('schema.ValidationAnalyzer.VirtualService (IST0130, IST0131)', () => {
  it('reports a second catch-all', () => {
    expect(messages([vs('a', 'default', { hosts: ['x'], http: [to('x'), to('y')] })], 'IST0130')).toEqual([
      'VirtualService default/a: VirtualService rule #1 not used (only the last rule can have no matches).',
    ]);
  });

  it('reports a prefix an earlier, shorter prefix covers, and not the other way round', () => {
    const match = (prefix: string) => ({ match: [{ uri: { prefix } }], ...to('x') });
    expect(messages([vs('a', 'default', { hosts: ['x'], http: [match('/api'), match('/api/v1')] })], 'IST0131')).toEqual([
      'VirtualService default/a: VirtualService rule #1 match #0 of prefix /api/v1 is not used (duplicate/overlapping match in rule #0 of prefix /api on #0).',
    ]);
    expect(messages([vs('a', 'default', { hosts: ['x'], http: [match('/api/v1'), match('/api')] })], 'IST0131')).toEqual([]);
  });

  it('compares matches with their names left out, and counts TCP rules on their own', () => {
    const named = (name: string) => ({ match: [{ name, uri: { exact: '/a' } }], ...to('x') });
    expect(messages([vs('a', 'default', { hosts: ['x'], http: [named('one'), named('two')] })], 'IST0131')).toEqual([
      'VirtualService default/a: VirtualService rule #1 match "two" is not used (duplicate/overlapping match in rule #0).',
    ]);
    const tcp = { match: [{ port: 5432 }], ...to('db') };
    expect(messages([vs('a', 'default', { hosts: ['x'], tcp: [tcp, tcp] })], 'IST0130')).toEqual([
      'VirtualService default/a: VirtualService rule #1 not used (all matches used by prior rules).',
    ]);
  });
});

describe('virtualservice.JWTClaimRouteAnalyzer', () => {
  it("looks for RequestAuthentications in istio-system and the gateway pod's namespace only", () => {
    const route = vs('a', 'default', {
      hosts: ['x'],
      gateways: ['istio-system/gw'],
      http: [{ match: [{ headers: { '@request.auth.claims[group]': { exact: 'a' } } }], ...to('x') }],
    });
    const gw = spec('Gateway', 'gw', 'istio-system', { selector: { istio: 'ingressgateway' }, servers: [] });
    const elsewhere = spec('RequestAuthentication', 'jwt', 'default', { jwtRules: [{ issuer: 'https://id.example.com' }] });
    expect(messages([...ingressGateway(), gw, route, elsewhere], 'IST0149')).toHaveLength(1);
    expect(messages([...ingressGateway(), gw, route, { ...elsewhere, metadata: { name: 'jwt', namespace: 'istio-system' } }], 'IST0149')).toEqual([]);
  });
});
