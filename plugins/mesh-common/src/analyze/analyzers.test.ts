import { paymentServicePolicyExample } from '../examples';
import { renderPolicy } from '../render';
import { analyze } from './analyze';
import { ALL_ANALYZERS } from './analyzers';
import { FINDING_CODES } from './codes';

const apiVersions: Record<string, string> = { Pod: 'v1', Namespace: 'v1', Deployment: 'apps/v1' };

const meta = (kind: string, name: string, namespace = 'shop', extra: Record<string, unknown> = {}) => ({
  apiVersion: apiVersions[kind] ?? 'networking.istio.io/v1',
  kind,
  metadata: { name, ...(kind === 'Namespace' ? {} : { namespace }), ...extra },
});

const pod = (name: string, labels: Record<string, string>, proxy: 'classic' | 'native' | 'none' = 'classic') => ({
  ...meta('Pod', name, 'shop', { labels }),
  spec: {
    containers: [{ name: 'app' }, ...(proxy === 'classic' ? [{ name: 'istio-proxy' }] : [])],
    initContainers: proxy === 'native' ? [{ name: 'istio-proxy', restartPolicy: 'Always' }] : [],
  },
});

const injectedNamespace = { ...meta('Namespace', 'shop', undefined, { labels: { 'istio-injection': 'enabled' } }) };
const plainNamespace = { ...meta('Namespace', 'shop') };

const destinationRule = (subsets: Array<[string, string]>, tls?: object) => ({
  ...meta('DestinationRule', 'cart'),
  spec: { host: 'cart', subsets: subsets.map(([name, version]) => ({ name, labels: { version } })), trafficPolicy: tls ? { tls } : undefined },
});

const virtualService = (http: object[], extra: object = {}) => ({ ...meta('VirtualService', 'cart'), spec: { hosts: ['cart'], http, ...extra } });

const gateway = (name: string, hosts: string[], port = 443) => ({
  ...meta('Gateway', name),
  spec: { selector: { istio: 'ingressgateway' }, servers: [{ port: { number: port, name: 'p', protocol: 'HTTPS' }, hosts }] },
});

const authz = (name: string, spec: object) => ({ ...meta('AuthorizationPolicy', name), apiVersion: 'security.istio.io/v1', spec });

const cases: Array<{ code: string; fires: unknown[]; quiet: unknown[] }> = [
  {
    code: 'IST0101',
    fires: [virtualService([{ route: [{ destination: { host: 'cart', subset: 'v2' } }] }]), destinationRule([['v1', 'v1']])],
    quiet: [virtualService([{ route: [{ destination: { host: 'cart', subset: 'v1' } }] }]), destinationRule([['v1', 'v1']])],
  },
  {
    code: 'IST0102',
    fires: [plainNamespace, { ...meta('Deployment', 'cart'), spec: { template: { metadata: { labels: { app: 'cart' } } } } }],
    quiet: [injectedNamespace, { ...meta('Deployment', 'cart'), spec: { template: { metadata: { labels: { app: 'cart' } } } } }],
  },
  {
    code: 'IST0103',
    fires: [injectedNamespace, pod('cart-1', { app: 'cart' }, 'none')],
    quiet: [injectedNamespace, pod('cart-1', { app: 'cart' }, 'native'), pod('cart-2', { app: 'cart' }, 'classic')],
  },
  {
    code: 'IST0127',
    fires: [pod('cart-1', { app: 'cart' }), authz('cart', { selector: { matchLabels: { app: 'kart' } }, rules: [{}] })],
    quiet: [pod('cart-1', { app: 'cart' }), authz('cart', { selector: { matchLabels: { app: 'cart' } }, rules: [{}] })],
  },
  {
    code: 'IST0128',
    fires: [destinationRule([], { mode: 'SIMPLE' })],
    quiet: [destinationRule([], { mode: 'SIMPLE', caCertificates: '/etc/ca.pem' })],
  },
  {
    code: 'IST0129',
    fires: [{ ...meta('DestinationRule', 'cart'), spec: { host: 'cart', trafficPolicy: { portLevelSettings: [{ port: { number: 443 }, tls: { mode: 'MUTUAL' } }] } } }],
    quiet: [{ ...meta('DestinationRule', 'cart'), spec: { host: 'cart', trafficPolicy: { portLevelSettings: [{ port: { number: 443 }, tls: { mode: 'ISTIO_MUTUAL' } }] } } }],
  },
  {
    code: 'IST0131',
    fires: [virtualService([{ route: [{ destination: { host: 'cart' } }] }, { match: [{ uri: { prefix: '/v2' } }], route: [{ destination: { host: 'cart' } }] }])],
    quiet: [virtualService([{ match: [{ uri: { prefix: '/v2' } }], route: [{ destination: { host: 'cart' } }] }, { route: [{ destination: { host: 'cart' } }] }])],
  },
  {
    code: 'IST0132',
    fires: [gateway('public', ['shop.example.com']), virtualService([{ route: [{ destination: { host: 'cart' } }] }], { hosts: ['cart.example.com'], gateways: ['public'] })],
    quiet: [gateway('public', ['*.example.com']), virtualService([{ route: [{ destination: { host: 'cart' } }] }], { hosts: ['cart.example.com'], gateways: ['public'] })],
  },
  {
    code: 'IST0145',
    fires: [gateway('one', ['shop.example.com']), gateway('two', ['*.example.com'])],
    quiet: [gateway('one', ['shop.example.com']), gateway('two', ['shop.example.com'], 8443)],
  },
  {
    code: 'MP0001',
    fires: [virtualService([{ route: [{ destination: { host: 'cart', subset: 'a' }, weight: 90 }, { destination: { host: 'cart', subset: 'b' }, weight: 20 }] }]), destinationRule([['a', '1'], ['b', '2']])],
    quiet: [virtualService([{ route: [{ destination: { host: 'cart', subset: 'a' }, weight: 80 }, { destination: { host: 'cart', subset: 'b' }, weight: 20 }] }]), destinationRule([['a', '1'], ['b', '2']])],
  },
  {
    code: 'MP0002',
    fires: [authz('deny', { selector: { matchLabels: { app: 'cart' } } })],
    quiet: [authz('deny', { selector: { matchLabels: { app: 'cart' } } }), authz('allow', { selector: { matchLabels: { app: 'cart' } }, rules: [{ from: [{ source: { namespaces: ['shop'] } }] }] })],
  },
  {
    code: 'MP0003',
    fires: [{ ...meta('RequestAuthentication', 'jwt'), spec: { jwtRules: [{ issuer: 'https://id.example.com', jwksUri: 'http://id.example.com/jwks' }] } }],
    quiet: [{ ...meta('RequestAuthentication', 'jwt'), spec: { jwtRules: [{ issuer: 'https://id.example.com', jwksUri: 'https://id.example.com/jwks' }] } }],
  },
  {
    code: 'MP0004',
    fires: [{ ...meta('PeerAuthentication', 'cart'), spec: { mtls: { mode: 'STRICT' }, portLevelMtls: { '9090': { mode: 'DISABLE' } } } }],
    quiet: [{ ...meta('PeerAuthentication', 'cart'), spec: { selector: { matchLabels: { app: 'cart' } }, mtls: { mode: 'STRICT' }, portLevelMtls: { '9090': { mode: 'DISABLE' } } } }],
  },
  {
    code: 'MP0005',
    fires: [pod('cart-v1', { app: 'cart', version: 'v1' }), destinationRule([['stable', 'v1'], ['canary', 'v2']])],
    quiet: [pod('cart-v1', { app: 'cart', version: 'v1' }), pod('cart-v2', { app: 'cart', version: 'v2' }), destinationRule([['stable', 'v1'], ['canary', 'v2']])],
  },
  {
    code: 'MP0006',
    fires: [{ ...meta('PeerAuthentication', 'default'), spec: { mtls: { mode: 'PERMISSIVE' } } }],
    quiet: [{ ...meta('PeerAuthentication', 'default'), spec: { mtls: { mode: 'STRICT' } } }],
  },
  {
    code: 'MP0007',
    fires: [
      authz('require-jwt', { action: 'DENY', rules: [{ from: [{ source: { notRequestPrincipals: ['*'] } }], to: [{ operation: { paths: ['/api/*'] } }] }] }),
      authz('open', { action: 'ALLOW', rules: [{ to: [{ operation: { notPaths: ['/admin/*'] } }] }] }),
    ],
    quiet: [
      authz('require-jwt', { action: 'DENY', rules: [{ from: [{ source: { notRequestPrincipals: ['*'] } }], to: [{ operation: { notPaths: ['/healthz'] } }] }] }),
      authz('open', { action: 'ALLOW', rules: [{ to: [{ operation: { paths: ['/api/*'] } }] }] }),
    ],
  },
];

describe('the analyzers', () => {
  it('cover every code in the code table with a firing and a quiet case', () => {
    expect(cases.map(c => c.code).sort()).toEqual(Object.keys(FINDING_CODES).sort());
  });

  it.each(cases)('$code fires on its case and stays quiet on the fixed one', ({ code, fires, quiet }) => {
    const fired = analyze(fires).filter(f => f.code === code);
    expect(fired.length).toBeGreaterThan(0);
    expect(fired[0]).toMatchObject({ code, level: FINDING_CODES[code].level, resource: expect.stringMatching(/^[A-Za-z]+ /), message: expect.any(String) });
    expect(analyze(quiet).filter(f => f.code === code)).toEqual([]);
  });

  it('report resources as "Kind namespace/name" and point into the object', () => {
    const [finding] = analyze(cases.find(c => c.code === 'MP0003')!.fires);
    expect(finding).toEqual({
      code: 'MP0003',
      level: 'error',
      resource: 'RequestAuthentication shop/jwt',
      message: expect.stringContaining('http://id.example.com/jwks'),
      path: 'spec.jwtRules[0].jwksUri',
    });
  });

  it('find no error in what the renderer produces for a complete policy, and no path match to escape', () => {
    const rendered = renderPolicy(paymentServicePolicyExample);
    const findings = analyze(rendered.objects);
    expect(findings.filter(f => f.level === 'error' || f.code === 'MP0007')).toEqual([]);
  });

  it('MP0007 names each escapable match, on both actions', () => {
    const found = analyze(cases.find(c => c.code === 'MP0007')!.fires).filter(f => f.code === 'MP0007');
    expect(found.map(f => [f.resource, f.path]).sort()).toEqual([
      ['AuthorizationPolicy shop/open', 'spec.rules[0].to[0].operation.notPaths'],
      ['AuthorizationPolicy shop/require-jwt', 'spec.rules[0].to[0].operation.paths'],
    ]);
  });

  it('each declare a name, a description and their input kinds', () => {
    for (const analyzer of ALL_ANALYZERS) {
      expect(analyzer.metadata).toEqual({ name: expect.any(String), description: expect.any(String), inputs: expect.arrayContaining([expect.any(String)]) });
    }
    expect(new Set(ALL_ANALYZERS.map(a => a.metadata.name)).size).toBe(ALL_ANALYZERS.length);
  });
});
