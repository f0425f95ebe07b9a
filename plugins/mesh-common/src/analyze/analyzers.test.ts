import { paymentServicePolicyExample } from '../examples';
import { renderPolicy } from '../render';
import { analyze } from './analyze';
import { ALL_ANALYZERS } from './analyzers';
import { FINDING_CODES } from './codes';
import { CERTIFICATE_VALID_AT, TEST_CERTIFICATE_PEM } from './__testUtils__/certificate';
import { configMap, deployment, ingressGateway, namespace, object, pod, secret, service, spec } from './__testUtils__/objects';
import { AnalysisOptions } from './types';

const base64 = (text: string) => Buffer.from(text).toString('base64');
const injected = namespace('default', { 'istio-injection': 'enabled' });
const reviewsPod = pod('reviews-1', 'default', { app: 'reviews', version: 'v1' }, { proxy: true });
/** A VirtualService whose one http route splits traffic by these weights. */
const weightedRoute = (weights: number[]) =>
  spec('VirtualService', 'vs', 'default', { hosts: ['x'], http: [{ route: weights.map(weight => ({ destination: { host: 'x' }, weight })) }] });
/** reviews' Service and pod (version v1), and a DestinationRule with one subset of the given version. */
const reviewsWithSubset = (version: string) => [
  service('reviews', 'default', { app: 'reviews' }),
  reviewsPod,
  spec('DestinationRule', 'reviews', 'default', { host: 'reviews', subsets: [{ name: version, labels: { version } }] }),
];
/** reviews' Deployment behind one Service on TCP 8080. */
const reviewsOnTcp = [
  injected,
  deployment('reviews', 'default', { app: 'reviews' }),
  service('s1', 'default', { app: 'reviews' }, [{ name: 'tcp', port: 8080, protocol: 'TCP' }]),
];
const route = (host: string, extra: Record<string, unknown> = {}) => ({ route: [{ destination: { host, ...extra } }] });
const gateway = (name: string, servers: any[], selector: Record<string, string> = { istio: 'ingressgateway' }) =>
  spec('Gateway', name, 'default', { selector, servers });
const server = (port: number, hosts: string[], tls?: Record<string, unknown>) => ({
  port: { number: port, name: `p${port}`, protocol: tls ? 'HTTPS' : 'HTTP' },
  hosts,
  ...(tls ? { tls } : {}),
});
const twoPortService = service('reviews', 'default', { app: 'reviews' }, [
  { name: 'http', port: 80, protocol: 'TCP' },
  { name: 'http-admin', port: 9080, protocol: 'TCP' },
]);
const injector = (values: unknown) => configMap('istio-sidecar-injector', 'istio-system', { values: JSON.stringify(values) });

interface Expected {
  resource: string;
  message: string;
  path?: string;
}

interface Case {
  code: string;
  title: string;
  fires: unknown[];
  expect: Expected[];
  quiet: unknown[];
  options?: AnalysisOptions;
}

// One case per code: the situation that fires it with the exact findings istioctl prints, and the fix.
/** Two resources of a kind selecting one pod (IST0110, IST0159), and two without a selector (IST0111, IST0160). */
function selectorConflictCases(
  kind: 'Sidecar' | 'Telemetry',
  plural: string,
  codes: [string, string],
  selector: (labels: Record<string, string>) => Record<string, unknown>,
): Case[] {
  const [first, second] = kind === 'Sidecar' ? ['s1', 's2'] : ['t1', 't2'];
  return [
    {
      code: codes[0],
      title: `two ${plural} selecting one pod`,
      fires: [reviewsPod, spec(kind, first, 'default', selector({ app: 'reviews' })), spec(kind, second, 'default', selector({ version: 'v1' }))],
      expect: [first, second].map(name => ({
        resource: `${kind} default/${name}`,
        message: `The ${plural} [${first} ${second}] in namespace "default" select the same workload pod "reviews-1", which can lead to undefined behavior.`,
        path: 'metadata.name',
      })),
      quiet: [reviewsPod, spec(kind, first, 'default', selector({ app: 'reviews' }))],
    },
    {
      code: codes[1],
      title: `two namespace-wide ${plural}`,
      fires: [spec(kind, first, 'default', {}), spec(kind, second, 'default', {})],
      expect: [first, second].map(name => ({
        resource: `${kind} default/${name}`,
        message: `The ${plural} [${first} ${second}] in namespace "default" have no workload selector, which can lead to undefined behavior.`,
      })),
      quiet: [spec(kind, first, 'default', {}), spec(kind, second, 'other', {})],
    },
  ];
}

const injectionWebhook = object('MutatingWebhookConfiguration', 'istio-sidecar-injector', undefined, {
  webhooks: [
    { name: 'namespace.sidecar-injector.istio.io', namespaceSelector: { matchExpressions: [{ key: 'istio-injection', operator: 'In', values: ['enabled'] }] } },
  ],
});
const autoDeployment = (ns: string) => deployment('gateway', ns, { app: 'gateway' }, { containers: [{ name: 'istio-proxy', image: 'auto' }] });

const cases: Case[] = [
  {
    code: 'IST0101',
    title: 'a route to a host no Service or ServiceEntry defines',
    fires: [spec('VirtualService', 'reviews', 'default', { hosts: ['reviews'], http: [route('ratings')] })],
    expect: [{ resource: 'VirtualService default/reviews', message: 'Referenced host not found: "ratings"', path: 'spec.http[0].route[0].destination.host' }],
    quiet: [spec('VirtualService', 'reviews', 'default', { hosts: ['reviews'], http: [route('ratings')] }), service('ratings', 'default', { app: 'ratings' })],
  },
  {
    code: 'IST0102',
    title: 'a namespace without injection',
    fires: [namespace('default')],
    expect: [
      {
        resource: 'Namespace default',
        message:
          "The namespace is not enabled for Istio injection. Run 'kubectl label namespace default istio-injection=enabled' to enable it, or 'kubectl label namespace default istio-injection=disabled' to explicitly mark it as not needing injection.",
        path: 'metadata.name',
      },
    ],
    quiet: [injected],
  },
  {
    code: 'IST0103',
    title: 'a pod of an injected namespace without a proxy',
    fires: [injected, pod('details-1', 'default', { app: 'details' })],
    expect: [
      {
        resource: 'Pod default/details-1',
        message: 'The pod default/details-1 is missing the Istio proxy. This can often be resolved by restarting or redeploying the workload.',
      },
    ],
    quiet: [injected, pod('details-1', 'default', { app: 'details' }, { proxy: true })],
  },
  {
    code: 'IST0107',
    title: 'a pod annotation on a Deployment',
    fires: [object('Deployment', 'reviews', 'default', { spec: {} }, { annotations: { 'sidecar.istio.io/proxyCPU': '100m' } })],
    expect: [
      {
        resource: 'Deployment default/reviews',
        message: 'Misplaced annotation: sidecar.istio.io/proxyCPU can only be applied to Pod',
        path: 'metadata.annotations.sidecar.istio.io/proxyCPU',
      },
    ],
    quiet: [pod('reviews-1', 'default', {}, { annotations: { 'sidecar.istio.io/proxyCPU': '100m' } })],
  },
  {
    code: 'IST0108',
    title: 'a misspelt Istio annotation',
    fires: [pod('reviews-1', 'default', {}, { annotations: { 'sidecar.istio.io/proxyCPUU': '100m' } })],
    expect: [
      { resource: 'Pod default/reviews-1', message: 'Unknown annotation: sidecar.istio.io/proxyCPUU', path: 'metadata.annotations.sidecar.istio.io/proxyCPUU' },
    ],
    quiet: [pod('reviews-1', 'default', {}, { annotations: { 'sidecar.istio.io/proxyCPU': '100m', 'example.com/owner': 'me' } })],
  },
  {
    code: 'IST0109',
    title: 'two mesh VirtualServices for one host',
    fires: [spec('VirtualService', 'vs1', 'default', { hosts: ['productpage'] }), spec('VirtualService', 'vs2', 'default', { hosts: ['productpage'] })],
    expect: ['vs1', 'vs2'].map(name => ({
      resource: `VirtualService default/${name}`,
      message:
        'The VirtualServices default/vs1,default/vs2 associated with mesh gateway define the same host */productpage.default.svc.cluster.local which can lead to undefined behavior. This can be fixed by merging the conflicting VirtualServices into a single resource.',
      path: 'metadata.name',
    })),
    quiet: [
      spec('VirtualService', 'vs1', 'default', { hosts: ['productpage'] }),
      spec('VirtualService', 'vs2', 'default', { hosts: ['productpage'], gateways: ['ingress'] }),
    ],
  },
  ...selectorConflictCases('Sidecar', 'Sidecars', ['IST0110', 'IST0111'], labels => ({ workloadSelector: { labels } })),
  {
    code: 'IST0112',
    title: 'a route without a port to a service with two',
    fires: [twoPortService, spec('VirtualService', 'reviews', 'default', { hosts: ['reviews'], http: [route('reviews')] })],
    expect: [
      {
        resource: 'VirtualService default/reviews',
        message:
          'This VirtualService routes to a service "reviews" that exposes multiple ports [80 9080]. Specifying a port in the destination is required to disambiguate.',
        path: 'spec.http[0].route[0].destination.host',
      },
    ],
    quiet: [twoPortService, spec('VirtualService', 'reviews', 'default', { hosts: ['reviews'], http: [route('reviews', { port: { number: 80 } })] })],
  },
  {
    code: 'IST0116',
    title: 'one port, two protocols, one Deployment',
    fires: [...reviewsOnTcp, service('s2', 'default', { app: 'reviews' }, [{ name: 'udp', port: 8080, protocol: 'UDP' }])],
    expect: [
      {
        resource: 'Deployment default/reviews',
        message: 'This deployment reviews is associated with multiple services using port 8080 but different protocols: [default/s1 default/s2]',
        path: 'metadata.name',
      },
    ],
    quiet: reviewsOnTcp,
  },
  {
    code: 'IST0118',
    title: 'a port name that names no protocol',
    fires: [service('web', 'default', { app: 'web' }, [{ name: 'web', port: 8080, protocol: 'TCP' }])],
    expect: [
      {
        resource: 'Service default/web',
        message: "Port name web (port: 8080, targetPort: 0) doesn't follow the naming convention of Istio port.",
        path: 'spec.ports[0].port',
      },
    ],
    quiet: [service('web', 'default', { app: 'web' }, [{ name: 'http-web', port: 8080, protocol: 'TCP' }])],
  },
  {
    code: 'IST0144',
    title: "an application container running as the proxy's UID",
    fires: [pod('web-1', 'shop', { app: 'web' }, { spec: { containers: [{ name: 'web', image: 'web:1', securityContext: { runAsUser: 1337 } }] } })],
    expect: [{ resource: 'Pod shop/web-1', message: 'User ID (UID) 1337 is reserved for the sidecar proxy.' }],
    quiet: [
      pod(
        'web-1',
        'shop',
        { app: 'web' },
        {
          spec: {
            containers: [
              { name: 'web', image: 'web:1', securityContext: { runAsUser: 1000 } },
              { name: 'istio-proxy', image: 'proxyv2', securityContext: { runAsUser: 1337 } },
            ],
          },
        },
      ),
    ],
  },
  {
    code: 'IST0146',
    title: 'a Deployment with image: auto that no Istio webhook selects',
    fires: [namespace('legacy'), autoDeployment('legacy'), injectionWebhook],
    expect: [
      { resource: 'Deployment legacy/gateway', message: 'Deployment gateway contains `image: auto` but does not match any Istio injection webhook selectors.' },
    ],
    quiet: [namespace('shop', { 'istio-injection': 'enabled' }), autoDeployment('shop'), injectionWebhook],
  },
  {
    code: 'IST0147',
    title: 'a pod still carrying image: auto',
    fires: [namespace('shop', { 'istio-injection': 'enabled' }), pod('gateway-1', 'shop', {}, { proxy: 'auto' })],
    expect: [{ resource: 'Pod shop/gateway-1', message: 'Pod gateway-1 contains `image: auto` but does not match any Istio injection webhook selectors.' }],
    quiet: [namespace('shop', { 'istio-injection': 'enabled' }), pod('gateway-1', 'shop', {}, { proxy: 'docker.io/istio/proxyv2:1.30.0' })],
  },
  {
    code: 'IST0150',
    title: 'an ExternalName Service port named just "tcp"',
    fires: [service('db', 'default', undefined, [{ name: 'tcp', port: 5432, protocol: 'TCP' }], {}, { type: 'ExternalName', externalName: 'db.example.com' })],
    expect: [
      {
        resource: 'Service default/db',
        message:
          'Port name for ExternalName service is invalid. Proxy may prevent tcp named ports and unmatched traffic for ports serving TCP protocol from being forwarded correctly',
        path: 'spec.ports[0].port',
      },
    ],
    quiet: [
      service(
        'db',
        'default',
        undefined,
        [{ name: 'tcp-postgres', port: 5432, protocol: 'TCP' }],
        {},
        { type: 'ExternalName', externalName: 'db.example.com' },
      ),
    ],
  },
  {
    code: 'IST0123',
    title: 'both injection labels on a namespace',
    fires: [namespace('default', { 'istio-injection': 'enabled', 'istio.io/rev': 'canary' })],
    expect: [
      {
        resource: 'Namespace default',
        message:
          'The namespace has more than one type of injection labels [istio-injection=enabled istio.io/rev=canary], which may lead to undefined behavior. Make sure only one injection label exists.',
      },
    ],
    quiet: [namespace('default', { 'istio.io/rev': 'canary' })],
  },
  {
    code: 'IST0125',
    title: 'an interception mode Istio does not know',
    fires: [pod('reviews-1', 'default', {}, { annotations: { 'sidecar.istio.io/interceptionMode': 'BOGUS' } })],
    expect: [
      {
        resource: 'Pod default/reviews-1',
        message: 'Invalid annotation sidecar.istio.io/interceptionMode: interceptionMode invalid, use REDIRECT,TPROXY,NONE: BOGUS',
        path: 'metadata.annotations.sidecar.istio.io/interceptionMode',
      },
    ],
    quiet: [pod('reviews-1', 'default', {}, { annotations: { 'sidecar.istio.io/interceptionMode': 'TPROXY' } })],
  },
  {
    code: 'IST0127',
    title: 'an AuthorizationPolicy selecting no pod in the mesh',
    fires: [injected, reviewsPod, spec('AuthorizationPolicy', 'ap', 'default', { selector: { matchLabels: { app: 'nothing' } } })],
    expect: [{ resource: 'AuthorizationPolicy default/ap', message: 'No matching workloads for this resource with the following labels: app=nothing' }],
    quiet: [injected, reviewsPod, spec('AuthorizationPolicy', 'ap', 'default', { selector: { matchLabels: { app: 'reviews' } } })],
  },
  {
    code: 'IST0128',
    title: 'TLS to a destination without verifying its certificate',
    fires: [spec('DestinationRule', 'ext', 'default', { host: 'api.example.com', trafficPolicy: { tls: { mode: 'SIMPLE' } } })],
    expect: [
      {
        resource: 'DestinationRule default/ext',
        message:
          'DestinationRule default/ext in namespace default has TLS mode set to SIMPLE but no caCertificates are set to validate server identity for host: api.example.com',
        path: 'spec.trafficPolicy.tls.caCertificates',
      },
    ],
    quiet: [spec('DestinationRule', 'ext', 'default', { host: 'api.example.com', trafficPolicy: { tls: { mode: 'SIMPLE', caCertificates: '/etc/ca.pem' } } })],
  },
  {
    code: 'IST0129',
    title: 'port-level TLS without verifying the certificate',
    fires: [
      spec('DestinationRule', 'ext', 'default', {
        host: 'api.example.com',
        trafficPolicy: { portLevelSettings: [{ port: { number: 443 }, tls: { mode: 'MUTUAL' } }] },
      }),
    ],
    expect: [
      {
        resource: 'DestinationRule default/ext',
        message:
          'DestinationRule default/ext in namespace default has TLS mode set to MUTUAL but no caCertificates are set to validate server identity for host: api.example.com at port number:443',
        path: 'spec.trafficPolicy.portLevelSettings[0].tls.caCertificates',
      },
    ],
    quiet: [
      spec('DestinationRule', 'ext', 'default', {
        host: 'api.example.com',
        trafficPolicy: { portLevelSettings: [{ port: { number: 443 }, tls: { mode: 'ISTIO_MUTUAL' } }] },
      }),
    ],
  },
  {
    code: 'IST0130',
    title: 'a rule after a catch-all',
    fires: [spec('VirtualService', 'vs', 'default', { hosts: ['x'], http: [route('x'), { match: [{ uri: { prefix: '/a' } }], ...route('x') }] })],
    expect: [{ resource: 'VirtualService default/vs', message: 'VirtualService rule #1 not used (route without matches defined before).' }],
    quiet: [spec('VirtualService', 'vs', 'default', { hosts: ['x'], http: [{ match: [{ uri: { prefix: '/a' } }], ...route('x') }, route('x')] })],
  },
  {
    code: 'IST0131',
    title: 'a match an earlier rule already takes',
    fires: [
      spec('VirtualService', 'vs', 'default', {
        hosts: ['x'],
        http: [
          { name: 'first', match: [{ uri: { exact: '/a' } }], ...route('x') },
          { match: [{ uri: { exact: '/a' } }, { uri: { exact: '/b' } }], ...route('x') },
        ],
      }),
    ],
    expect: [{ resource: 'VirtualService default/vs', message: 'VirtualService rule #1 match #0 is not used (duplicate/overlapping match in rule "first").' }],
    quiet: [
      spec('VirtualService', 'vs', 'default', {
        hosts: ['x'],
        http: [
          { match: [{ uri: { exact: '/a' } }], ...route('x') },
          { match: [{ uri: { exact: '/b' } }], ...route('x') },
        ],
      }),
    ],
  },
  {
    code: 'IST0132',
    title: 'a VirtualService host its Gateway does not serve',
    fires: [gateway('gw', [server(80, ['a.example.com'])]), spec('VirtualService', 'vs', 'default', { hosts: ['b.example.com'], gateways: ['gw'] })],
    expect: [
      {
        resource: 'VirtualService default/vs',
        message: 'one or more host [b.example.com] defined in VirtualService default/vs not found in Gateway default/gw.',
        path: 'spec.gateways[0]',
      },
    ],
    quiet: [gateway('gw', [server(80, ['*.example.com'])]), spec('VirtualService', 'vs', 'default', { hosts: ['b.example.com'], gateways: ['gw'] })],
  },
  {
    code: 'IST0134',
    title: 'a TCP ServiceEntry without addresses (the mesh allocates none)',
    fires: [spec('ServiceEntry', 'db', 'default', { hosts: ['db.example.com'], ports: [{ number: 5432, name: 'tcp', protocol: 'TCP' }] })],
    expect: [{ resource: 'ServiceEntry default/db', message: 'ServiceEntry addresses are required for this protocol.', path: 'spec.ports[0].name' }],
    quiet: [
      spec('ServiceEntry', 'db', 'default', { hosts: ['db.example.com'], addresses: ['10.0.0.5'], ports: [{ number: 5432, name: 'tcp', protocol: 'TCP' }] }),
    ],
  },
  {
    code: 'IST0135',
    title: 'the injection annotation where the label belongs',
    fires: [pod('reviews-1', 'default', {}, { annotations: { 'sidecar.istio.io/inject': 'true' } })],
    expect: [
      {
        resource: 'Pod default/reviews-1',
        message:
          'Annotation "sidecar.istio.io/inject" has been deprecated in favor of the "sidecar.istio.io/inject" label and may not work in future Istio versions.',
        path: 'metadata.annotations.sidecar.istio.io/inject',
      },
    ],
    quiet: [pod('reviews-1', 'default', { 'sidecar.istio.io/inject': 'true' })],
  },
  {
    code: 'IST0136',
    title: 'an alpha annotation, in an upgrade precheck',
    options: { precheck: true },
    fires: [pod('reviews-1', 'default', {}, { annotations: { 'sidecar.istio.io/proxyCPU': '100m' } })],
    expect: [
      {
        resource: 'Pod default/reviews-1',
        message: 'Annotation "sidecar.istio.io/proxyCPU" is part of an alpha-phase feature and may be incompletely supported.',
        path: 'metadata.annotations.sidecar.istio.io/proxyCPU',
      },
    ],
    quiet: [pod('reviews-1', 'default', {}, { annotations: { 'proxy.istio.io/config': 'concurrency: 2' } })],
  },
  {
    code: 'IST0137',
    title: 'two service ports onto one target port',
    fires: [
      injected,
      deployment('reviews', 'default', { app: 'reviews' }),
      service('s1', 'default', { app: 'reviews' }, [
        { name: 'http', port: 80, targetPort: 8080, protocol: 'TCP' },
        { name: 'http-alt', port: 81, targetPort: 8080, protocol: 'TCP' },
      ]),
    ],
    expect: [
      {
        resource: 'Deployment default/reviews',
        message: 'This deployment reviews is associated with multiple services [default/s1 default/s1] using targetPort "8080" but different ports: [80 81].',
        path: 'metadata.name',
      },
    ],
    quiet: [
      injected,
      deployment('reviews', 'default', { app: 'reviews' }),
      service('s1', 'default', { app: 'reviews' }, [{ name: 'http', port: 80, targetPort: 8080, protocol: 'TCP' }]),
    ],
  },
  {
    code: 'IST0138',
    title: 'two Gateways on one workload with one certificate',
    fires: [
      gateway('gw1', [server(443, ['a.example.com'], { mode: 'SIMPLE', credentialName: 'cert' })]),
      gateway('gw2', [server(443, ['b.example.com'], { mode: 'SIMPLE', credentialName: 'cert' })]),
    ],
    expect: [
      {
        resource: 'Gateway default/gw1',
        message: 'Duplicate certificate in multiple gateways [default/gw1 default/gw2] may cause 404s if clients re-use HTTP2 connections.',
        path: 'metadata.name',
      },
      {
        resource: 'Gateway default/gw2',
        message: 'Duplicate certificate in multiple gateways [default/gw2 default/gw1] may cause 404s if clients re-use HTTP2 connections.',
        path: 'metadata.name',
      },
    ],
    quiet: [
      gateway('gw1', [server(443, ['a.example.com'], { mode: 'SIMPLE', credentialName: 'a' })]),
      gateway('gw2', [server(443, ['b.example.com'], { mode: 'SIMPLE', credentialName: 'b' })]),
    ],
  },
  {
    code: 'IST0145',
    title: 'two Gateways on one workload claiming one port and host',
    fires: [...ingressGateway(), gateway('gw1', [server(80, ['a.example.com'])]), gateway('gw2', [server(80, ['a.example.com'])])],
    expect: ['gw1', 'gw2'].map(name => ({
      resource: `Gateway default/${name}`,
      message: `Conflict with gateways default/${name === 'gw1' ? 'gw2' : 'gw1'} (workload selector istio=ingressgateway, port 80, hosts a.example.com).`,
    })),
    quiet: [...ingressGateway(), gateway('gw1', [server(80, ['a.example.com'])]), gateway('gw2', [server(80, ['b.example.com'])])],
  },
  {
    code: 'IST0148',
    title: 'a namespace injected by default',
    fires: [namespace('default'), injector({ sidecarInjectorWebhook: { enableNamespacesByDefault: true } })],
    expect: [{ resource: 'Namespace default', message: 'is enabled for Istio injection, as Istio is installed with enableNamespacesByDefault as true.' }],
    quiet: [namespace('default', { 'istio-injection': 'disabled' }), injector({ sidecarInjectorWebhook: { enableNamespacesByDefault: true } })],
  },
  {
    code: 'IST0149',
    title: 'routing on a JWT claim at a gateway without RequestAuthentication',
    fires: [
      ...ingressGateway(),
      gateway('gw', [server(80, ['a.example.com'])]),
      spec('VirtualService', 'vs', 'default', {
        hosts: ['a.example.com'],
        gateways: ['gw'],
        http: [{ match: [{ headers: { '@request.auth.claims.group': { exact: 'admin' } } }], ...route('x') }],
      }),
    ],
    expect: [
      {
        resource: 'VirtualService default/vs',
        message:
          'The virtual service uses the JWT claim based routing (key: @request.auth.claims.group) but found no request authentication for the gateway (default/gw) pod (istio-ingressgateway-1). The request authentication must first be applied for the gateway pods to validate the JWT token and make the claims available for routing.',
      },
    ],
    quiet: [
      ...ingressGateway(),
      gateway('gw', [server(80, ['a.example.com'])]),
      spec('RequestAuthentication', 'jwt', 'istio-system', {
        selector: { matchLabels: { istio: 'ingressgateway' } },
        jwtRules: [{ issuer: 'https://id.example.com' }],
      }),
      spec('VirtualService', 'vs', 'default', {
        hosts: ['a.example.com'],
        gateways: ['gw'],
        http: [{ match: [{ headers: { '@request.auth.claims.group': { exact: 'admin' } } }], ...route('x') }],
      }),
    ],
  },
  {
    code: 'IST0158',
    title: 'a proxy older than what the injector injects',
    fires: [
      injected,
      injector({ global: { hub: 'docker.io/istio', tag: '1.30.0', proxy: { image: 'proxyv2' } } }),
      pod('old-1', 'default', {}, { proxy: 'docker.io/istio/proxyv2:1.29.0' }),
    ],
    expect: [
      {
        resource: 'Namespace default',
        message:
          'The Istio proxy images of the pods running in the namespace do not match the image defined in the injection configuration (pod names: [old-1]). This often happens after upgrading the Istio control-plane and can be fixed by redeploying the pods.',
      },
    ],
    quiet: [
      injected,
      injector({ global: { hub: 'docker.io/istio', tag: '1.30.0', proxy: { image: 'proxyv2' } } }),
      pod('new-1', 'default', {}, { proxy: 'docker.io/istio/proxyv2:1.30.0' }),
    ],
  },
  ...selectorConflictCases('Telemetry', 'Telemetries', ['IST0159', 'IST0160'], matchLabels => ({ selector: { matchLabels } })),
  {
    code: 'IST0161',
    title: 'a gateway certificate without its key',
    options: { now: CERTIFICATE_VALID_AT },
    fires: [
      ...ingressGateway(),
      gateway('gw', [server(443, ['pay.example.com'], { mode: 'SIMPLE', credentialName: 'pay-cert' })]),
      secret('pay-cert', 'istio-system', { 'tls.crt': base64(TEST_CERTIFICATE_PEM) }),
    ],
    expect: [
      {
        resource: 'Gateway default/gw',
        message: 'The credential referenced by the Gateway gw in namespace istio-system is invalid, which can cause the traffic not to work as expected.',
        path: 'spec.servers[0].tls.credentialName',
      },
    ],
    quiet: [
      ...ingressGateway(),
      gateway('gw', [server(443, ['pay.example.com'], { mode: 'SIMPLE', credentialName: 'pay-cert' })]),
      secret('pay-cert', 'istio-system', { 'tls.crt': base64(TEST_CERTIFICATE_PEM), 'tls.key': base64('key') }),
    ],
  },
  {
    code: 'IST0162',
    title: 'a Gateway port its Service does not expose',
    fires: [...ingressGateway([80, 443]), gateway('gw', [server(8443, ['a.example.com'])])],
    expect: [
      {
        resource: 'Gateway default/gw',
        message:
          'The gateway is listening on a target port (port 8443) that is not defined in the Service associated with its workload instances (Pod selector istio=ingressgateway). If you need to access the gateway port through the gateway Service, it will not be available.',
        path: 'spec.selector.istio',
      },
    ],
    quiet: [...ingressGateway([80, 443]), gateway('gw', [server(443, ['a.example.com'])])],
  },
  {
    code: 'IST0166',
    title: "a selector on a Gateway API gateway's pods",
    fires: [
      pod('my-gw-1', 'default', { 'gateway.networking.k8s.io/gateway-name': 'my-gw' }),
      spec('AuthorizationPolicy', 'ap', 'default', { selector: { matchLabels: { 'gateway.networking.k8s.io/gateway-name': 'my-gw' } } }),
    ],
    expect: [{ resource: 'AuthorizationPolicy default/ap', message: 'Ineffective selector on Kubernetes Gateway my-gw. Use the TargetRef field instead.' }],
    quiet: [
      pod('my-gw-1', 'default', { 'gateway.networking.k8s.io/gateway-name': 'my-gw' }),
      spec('AuthorizationPolicy', 'ap', 'default', { targetRefs: [{ group: 'gateway.networking.k8s.io', kind: 'Gateway', name: 'my-gw' }] }),
    ],
  },
  {
    code: 'IST0167',
    title: 'a Sidecar in an ambient namespace',
    fires: [namespace('ambient', { 'istio.io/dataplane-mode': 'ambient' }), spec('Sidecar', 'scope', 'ambient', {})],
    expect: [{ resource: 'Sidecar ambient/scope', message: 'The policy has no impact: namespace is in ambient mode, the policy has no impact.' }],
    quiet: [namespace('sidecars', { 'istio-injection': 'enabled' }), spec('Sidecar', 'scope', 'sidecars', {})],
  },
  {
    code: 'IST0173',
    title: 'a subset that selects no pod',
    fires: reviewsWithSubset('v3'),
    expect: [
      {
        resource: 'DestinationRule default/reviews',
        message: 'The Subset v3 defined in the DestinationRule does not select any pods. Which may lead to 503 UH (NoHealthyUpstream).',
      },
    ],
    quiet: reviewsWithSubset('v1'),
  },
  {
    code: 'IST0174',
    title: 'a DestinationRule for a host nothing serves',
    fires: [spec('DestinationRule', 'nothing', 'default', { host: 'nothing' })],
    expect: [
      { resource: 'DestinationRule default/nothing', message: 'The host nothing defined in the DestinationRule does not match any services in the mesh.' },
    ],
    quiet: [service('nothing', 'default', { app: 'x' }), spec('DestinationRule', 'nothing', 'default', { host: 'nothing' })],
  },
  {
    code: 'IST0175',
    title: 'JWT issuers with istiod fetching keys from anywhere',
    fires: [
      spec('RequestAuthentication', 'jwt', 'default', { jwtRules: [{ issuer: 'https://id.example.com' }] }),
      deployment('istiod', 'istio-system', { app: 'istiod' }, { labels: { app: 'istiod' } }),
    ],
    expect: [
      {
        resource: 'Deployment istio-system/istiod',
        message:
          'BLOCKED_CIDRS_IN_JWKS_URIS is not configured but 1 RequestAuthentication resource(s) exist (default/jwt). Consider configuring it to restrict JWKS URI fetches to trusted networks.',
      },
    ],
    quiet: [
      spec('RequestAuthentication', 'jwt', 'default', { jwtRules: [{ issuer: 'https://id.example.com' }] }),
      deployment(
        'istiod',
        'istio-system',
        { app: 'istiod' },
        { labels: { app: 'istiod' }, containers: [{ name: 'discovery', env: [{ name: 'BLOCKED_CIDRS_IN_JWKS_URIS', value: '10.0.0.0/8' }] }] },
      ),
    ],
  },
  {
    code: 'IST0177',
    title: "two ServiceEntries disagreeing on a port's protocol",
    fires: [
      spec('ServiceEntry', 'a', 'default', { hosts: ['api.example.com'], ports: [{ number: 443, name: 'https', protocol: 'HTTPS' }] }),
      spec('ServiceEntry', 'b', 'default', { hosts: ['api.example.com'], ports: [{ number: 443, name: 'tls', protocol: 'TLS' }] }),
    ],
    expect: ['a', 'b'].map(name => ({
      resource: `ServiceEntry default/${name}`,
      message: 'Multiple ServiceEntries (default/a, default/b) define the same host "api.example.com" and port 443 with conflicting protocols (HTTPS, TLS).',
      path: 'metadata.name',
    })),
    quiet: [
      spec('ServiceEntry', 'a', 'default', { hosts: ['api.example.com'], ports: [{ number: 443, name: 'https', protocol: 'HTTPS' }] }),
      spec('ServiceEntry', 'b', 'default', { hosts: ['api.example.com'], ports: [{ number: 443, name: 'https', protocol: 'HTTPS' }] }),
    ],
  },
  {
    code: 'MP0001',
    title: 'route weights that do not add up to 100',
    fires: [weightedRoute([50, 40])],
    expect: [{ resource: 'VirtualService default/vs', message: 'The weights of http route 0 add up to 90, not 100', path: 'spec.http[0].route' }],
    quiet: [weightedRoute([60, 40])],
  },
  {
    code: 'MP0002',
    title: 'a deny-all nothing opens',
    fires: [spec('AuthorizationPolicy', 'deny', 'default', {})],
    expect: [{ resource: 'AuthorizationPolicy default/deny', message: 'This policy denies every request and no ALLOW policy with rules lets any caller in' }],
    quiet: [
      spec('AuthorizationPolicy', 'deny', 'default', {}),
      spec('AuthorizationPolicy', 'allow', 'default', { rules: [{ from: [{ source: { namespaces: ['orders'] } }] }] }),
    ],
  },
  {
    code: 'MP0003',
    title: 'signing keys fetched over http',
    fires: [spec('RequestAuthentication', 'jwt', 'default', { jwtRules: [{ issuer: 'https://id.example.com', jwksUri: 'http://id.example.com/jwks' }] })],
    expect: [
      {
        resource: 'RequestAuthentication default/jwt',
        message: 'jwksUri "http://id.example.com/jwks" is not https: anyone on the path could swap the signing keys',
        path: 'spec.jwtRules[0].jwksUri',
      },
    ],
    quiet: [spec('RequestAuthentication', 'jwt', 'default', { jwtRules: [{ issuer: 'https://id.example.com', jwksUri: 'https://id.example.com/jwks' }] })],
  },
  {
    code: 'MP0004',
    title: 'port-level mTLS without a selector',
    fires: [spec('PeerAuthentication', 'pa', 'default', { mtls: { mode: 'STRICT' }, portLevelMtls: { 9090: { mode: 'DISABLE' } } })],
    expect: [
      {
        resource: 'PeerAuthentication default/pa',
        message: 'portLevelMtls only takes effect for a PeerAuthentication with a workload selector (matchLabels)',
        path: 'spec.portLevelMtls',
      },
    ],
    quiet: [
      spec('PeerAuthentication', 'pa', 'default', {
        selector: { matchLabels: { app: 'x' } },
        mtls: { mode: 'STRICT' },
        portLevelMtls: { 9090: { mode: 'DISABLE' } },
      }),
    ],
  },
  {
    code: 'MP0006',
    title: 'mTLS weaker than STRICT',
    fires: [spec('PeerAuthentication', 'default', 'default', { mtls: { mode: 'PERMISSIVE' } })],
    expect: [{ resource: 'PeerAuthentication default/default', message: 'mTLS mode is PERMISSIVE: plaintext traffic is accepted', path: 'spec.mtls.mode' }],
    quiet: [spec('PeerAuthentication', 'default', 'default', { mtls: { mode: 'STRICT' } })],
  },
  {
    code: 'MP0007',
    title: 'a DENY rule matching paths positively',
    fires: [
      spec('AuthorizationPolicy', 'require-jwt', 'default', {
        action: 'DENY',
        rules: [{ from: [{ source: { notRequestPrincipals: ['*'] } }], to: [{ operation: { paths: ['/api/*'] } }] }],
      }),
    ],
    expect: [
      {
        resource: 'AuthorizationPolicy default/require-jwt',
        message:
          'A DENY rule matches /api/* positively: spellings the application treats as the same path (//x, /X, /x;a) escape it. Deny with notPaths on the paths to keep open instead',
        path: 'spec.rules[0].to[0].operation.paths',
      },
    ],
    quiet: [
      spec('AuthorizationPolicy', 'require-jwt', 'default', {
        action: 'DENY',
        rules: [{ from: [{ source: { notRequestPrincipals: ['*'] } }], to: [{ operation: { notPaths: ['/healthz'] } }] }],
      }),
    ],
  },
  {
    code: 'MP0008',
    title: 'port-level mTLS keyed by the Service port',
    fires: [
      deployment('reviews', 'default', { app: 'reviews' }, { containers: [{ name: 'app', ports: [{ containerPort: 8080 }] }] }),
      service('reviews', 'default', { app: 'reviews' }, [{ name: 'http', port: 80, targetPort: 8080, protocol: 'TCP' }]),
      spec('PeerAuthentication', 'reviews', 'default', { selector: { matchLabels: { app: 'reviews' } }, portLevelMtls: { 80: { mode: 'PERMISSIVE' } } }),
    ],
    expect: [
      {
        resource: 'PeerAuthentication default/reviews',
        message:
          'portLevelMtls names port 80, which no selected container (Pod, Deployment, StatefulSet, DaemonSet, Rollout) exposes; Istio keys it by the workload port and ignores it; 80 is a port of Service reviews, whose pods listen on another',
        path: 'spec.portLevelMtls.80',
      },
    ],
    quiet: [
      deployment('reviews', 'default', { app: 'reviews' }, { containers: [{ name: 'app', ports: [{ containerPort: 8080 }] }] }),
      spec('PeerAuthentication', 'reviews', 'default', { selector: { matchLabels: { app: 'reviews' } }, portLevelMtls: { 8080: { mode: 'PERMISSIVE' } } }),
    ],
  },
  {
    code: 'MP0009',
    title: "a Service's target port excluded from the sidecar",
    fires: [
      deployment('reviews', 'default', { app: 'reviews' }, { templateAnnotations: { 'traffic.sidecar.istio.io/excludeInboundPorts': '8080' } }),
      service('reviews', 'default', { app: 'reviews' }, [{ name: 'http', port: 80, targetPort: 8080, protocol: 'TCP' }]),
    ],
    expect: [
      {
        resource: 'Deployment default/reviews',
        message:
          'Port 8080 is excluded from the sidecar (traffic.sidecar.istio.io/excludeInboundPorts) but Service reviews sends traffic to it (spec.ports[0]): that traffic bypasses mTLS and authorization',
        path: 'metadata.annotations.traffic.sidecar.istio.io/excludeInboundPorts',
      },
    ],
    quiet: [
      deployment('reviews', 'default', { app: 'reviews' }, { templateAnnotations: { 'traffic.sidecar.istio.io/excludeInboundPorts': '9901' } }),
      service('reviews', 'default', { app: 'reviews' }, [{ name: 'http', port: 80, targetPort: 8080, protocol: 'TCP' }]),
    ],
  },
  {
    code: 'MP0010',
    title: 'Gateways in files claiming one selector, port and host',
    options: { mode: 'files' },
    fires: [gateway('gw1', [server(80, ['a.example.com'])]), gateway('gw2', [server(80, ['a.example.com'])])],
    expect: ['gw1', 'gw2'].map(name => ({
      resource: `Gateway default/${name}`,
      message: `Conflict with gateways default/${
        name === 'gw1' ? 'gw2' : 'gw1'
      } (workload selector istio=ingressgateway, port 80, host a.example.com): istioctl reports IST0145 once the gateway's pods run`,
    })),
    quiet: [gateway('gw1', [server(80, ['a.example.com'])]), gateway('gw2', [server(80, ['b.example.com'])])],
  },
  {
    code: 'MP0014',
    title: "a ServiceEntry exported into another team's namespace",
    options: { mode: 'files', egressGatewayNamespaces: ['istio-egress'] },
    fires: [
      spec('ServiceEntry', 'steer-orders', 'payments', { hosts: ['api.partner.example'], exportTo: ['.', 'orders'], resolution: 'DNS' }),
      spec('ServiceEntry', 'everywhere', 'payments', { hosts: ['db.example'], resolution: 'DNS' }),
    ],
    expect: [
      {
        resource: 'ServiceEntry payments/everywhere',
        message:
          "The ServiceEntry for db.example is exported to every namespace (no exportTo), beyond payments and the egress gateways' namespaces (istio-egress): once merged it decides where those namespaces' calls to its hosts go",
        path: 'spec.exportTo',
      },
      {
        resource: 'ServiceEntry payments/steer-orders',
        message:
          "The ServiceEntry for api.partner.example is exported to orders, beyond payments and the egress gateways' namespaces (istio-egress): once merged it decides where those namespaces' calls to its hosts go",
        path: 'spec.exportTo',
      },
    ],
    quiet: [
      spec('ServiceEntry', 'own', 'payments', { hosts: ['api.partner.example'], exportTo: ['.', 'istio-egress'], resolution: 'DNS' }),
      spec('ServiceEntry', 'named', 'payments', { hosts: ['db.example'], exportTo: ['payments'], resolution: 'DNS' }),
    ],
  },
  {
    code: 'MP0015',
    title: 'a route bound to an egress gateway but exported only to its own namespace',
    options: { mode: 'files' },
    fires: [
      spec('Gateway', 'egress-tax', 'orders', { selector: { istio: 'egressgateway' }, servers: [server(443, ['tax.example.org'])] }),
      spec('VirtualService', 'egress-tax', 'orders', { hosts: ['tax.example.org'], gateways: ['orders/egress-tax', 'mesh'], exportTo: ['.'], tls: [] }),
    ],
    expect: [
      {
        resource: 'VirtualService orders/egress-tax',
        message:
          'Gateway orders/egress-tax runs in istio-system (assumed: its pods are not in the input), where this VirtualService is not exported (exportTo ["."]): the gateway never gets its routes',
        path: 'spec.gateways[0]',
      },
    ],
    quiet: [
      spec('Gateway', 'egress-tax', 'orders', { selector: { istio: 'egressgateway' }, servers: [server(443, ['tax.example.org'])] }),
      spec('VirtualService', 'egress-tax', 'orders', {
        hosts: ['tax.example.org'],
        gateways: ['orders/egress-tax', 'mesh'],
        exportTo: ['.', 'istio-system'],
        tls: [],
      }),
    ],
  },
  {
    code: 'MP0016',
    title: 'identity rules enforced by ztunnel behind a namespace waypoint',
    fires: [
      namespace('shop', { 'istio.io/dataplane-mode': 'ambient', 'istio.io/use-waypoint': 'waypoint' }),
      service('inventory', 'shop', { app: 'inventory' }, [{ name: 'http', port: 8080, protocol: 'TCP' }]),
      spec('AuthorizationPolicy', 'inventory', 'shop', {
        selector: { matchLabels: { app: 'inventory' } },
        action: 'ALLOW',
        rules: [{ from: [{ source: { principals: ['cluster.local/ns/shop/sa/storefront'] } }] }],
      }),
    ],
    expect: [
      {
        resource: 'AuthorizationPolicy shop/inventory',
        message:
          "Namespace shop sends Service inventory through waypoint waypoint: ztunnel sees the waypoint's identity, not the callers this policy admits by identity, so it admits none of them",
        path: 'spec.rules[0].from[0].source.principals',
      },
    ],
    quiet: [
      namespace('shop', { 'istio.io/dataplane-mode': 'ambient', 'istio.io/use-waypoint': 'waypoint' }),
      // What Meshport renders for an L4-only service: the Service opts out of the namespace waypoint.
      service('inventory', 'shop', { app: 'inventory' }, [{ name: 'http', port: 8080, protocol: 'TCP' }], { labels: { 'istio.io/use-waypoint': 'none' } }),
      spec('AuthorizationPolicy', 'inventory', 'shop', {
        selector: { matchLabels: { app: 'inventory' } },
        action: 'ALLOW',
        rules: [{ from: [{ source: { principals: ['cluster.local/ns/shop/sa/storefront'] } }] }],
      }),
    ],
  },
  {
    code: 'MP0017',
    title: "a PERMISSIVE port's plaintext refused by a waypoint's bypass prevention",
    options: { mode: 'files' },
    fires: [
      spec('PeerAuthentication', 'checkout', 'shop', {
        selector: { matchLabels: { app: 'checkout' } },
        mtls: { mode: 'STRICT' },
        portLevelMtls: { '9090': { mode: 'PERMISSIVE' } },
      }),
      spec('AuthorizationPolicy', 'checkout-waypoint-only', 'shop', {
        selector: { matchLabels: { app: 'checkout' } },
        action: 'DENY',
        rules: [{ from: [{ source: { notPrincipals: ['cluster.local/ns/shop/sa/checkout-waypoint'] } }] }],
      }),
    ],
    expect: [
      {
        resource: 'AuthorizationPolicy shop/checkout-waypoint-only',
        message:
          "Port 9090 accepts plaintext (PeerAuthentication shop/checkout), and ztunnel sees no identity for it, which this rule's negative match refuses: add notPorts [9090] to the rule, or the plaintext is denied",
        path: 'spec.rules[0]',
      },
    ],
    quiet: [
      spec('PeerAuthentication', 'checkout', 'shop', {
        selector: { matchLabels: { app: 'checkout' } },
        mtls: { mode: 'STRICT' },
        portLevelMtls: { '9090': { mode: 'PERMISSIVE' } },
      }),
      spec('AuthorizationPolicy', 'checkout-waypoint-only', 'shop', {
        selector: { matchLabels: { app: 'checkout' } },
        action: 'DENY',
        rules: [{ from: [{ source: { notPrincipals: ['cluster.local/ns/shop/sa/checkout-waypoint'] } }], to: [{ operation: { notPorts: ['9090'] } }] }],
      }),
    ],
  },
  {
    code: 'MP0011',
    title: 'HTTP rules attached by selector to ambient workloads',
    fires: [
      namespace('shop', { 'istio.io/dataplane-mode': 'ambient' }),
      deployment('checkout', 'shop', { app: 'checkout' }),
      spec('AuthorizationPolicy', 'callers', 'shop', {
        selector: { matchLabels: { app: 'checkout' } },
        rules: [{ from: [{ source: { namespaces: ['web'] } }], to: [{ operation: { methods: ['POST'] } }] }],
      }),
      spec('RequestAuthentication', 'jwt', 'shop', {
        selector: { matchLabels: { app: 'checkout' } },
        jwtRules: [{ issuer: 'https://id.example.com', jwksUri: 'https://id.example.com/jwks' }],
      }),
    ],
    expect: [
      {
        resource: 'AuthorizationPolicy shop/callers',
        message:
          'ztunnel enforces this policy on ambient workloads (Deployment checkout) and cannot match HTTP attributes (rules[0].to[0].operation.methods); it drops the rules with them, letting fewer callers in than it says. Attach it to a waypoint with targetRefs',
        path: 'spec.selector',
      },
      {
        resource: 'RequestAuthentication shop/jwt',
        message:
          'ztunnel serves the ambient workloads this policy selects (Deployment checkout) and validates no tokens: attach it to a waypoint with targetRefs',
        path: 'spec.selector',
      },
    ],
    quiet: [
      namespace('shop', { 'istio.io/dataplane-mode': 'ambient' }),
      // The same workload opted out of ambient, a policy attached to the waypoint, and an L4-only policy.
      deployment('legacy', 'shop', { app: 'legacy', 'istio.io/dataplane-mode': 'none' }),
      deployment('checkout', 'shop', { app: 'checkout' }),
      spec('AuthorizationPolicy', 'legacy', 'shop', { selector: { matchLabels: { app: 'legacy' } }, rules: [{ to: [{ operation: { methods: ['POST'] } }] }] }),
      spec('AuthorizationPolicy', 'callers', 'shop', {
        targetRefs: [{ group: '', kind: 'Service', name: 'checkout' }],
        rules: [{ to: [{ operation: { methods: ['POST'] } }] }],
      }),
      spec('AuthorizationPolicy', 'l4', 'shop', {
        selector: { matchLabels: { app: 'checkout' } },
        rules: [{ from: [{ source: { principals: ['cluster.local/ns/web/sa/web'] } }], when: [{ key: 'source.namespace', values: ['web'] }] }],
      }),
    ],
  },
];

describe('the analyzers', () => {
  it('cover every code in the code table with a firing and a quiet case (codes raised from traffic are tested with the status)', () => {
    const fromObjects = Object.entries(FINDING_CODES)
      .filter(([, description]) => !description.fromTraffic)
      .map(([code]) => code);
    expect(cases.map(c => c.code).sort()).toEqual(fromObjects.sort());
  });

  it.each(cases)("$code fires on $title, with istioctl's text, and stays quiet on the fix", ({ code, fires, expect: expected, quiet, options }) => {
    const found = analyze(fires, options).filter(f => f.code === code);
    expect(found).toEqual(
      expected.map(e => ({ code, level: FINDING_CODES[code].level, resource: e.resource, message: e.message, ...(e.path ? { path: e.path } : {}) })),
    );
    expect(analyze(quiet, options).filter(f => f.code === code)).toEqual([]);
  });

  it('find no error in what the renderer produces for a complete policy, and no path match to escape', () => {
    const rendered = renderPolicy(paymentServicePolicyExample);
    const findings = analyze(rendered.objects, { mode: 'files' });
    expect(findings.filter(f => f.level === 'error' || f.code === 'MP0007')).toEqual([]);
  });

  it('each declare a name, a description and their input kinds, and are registered once', () => {
    for (const analyzer of ALL_ANALYZERS) {
      const { lookups = [], ...metadata } = analyzer.metadata;
      expect(metadata).toEqual({ name: expect.any(String), description: expect.any(String), inputs: expect.arrayContaining([expect.any(String)]) });
      expect(lookups.filter(kind => metadata.inputs.includes(kind))).toEqual([]);
    }
    expect(new Set(ALL_ANALYZERS.map(a => a.metadata.name)).size).toBe(ALL_ANALYZERS.length);
  });

  it('sort findings as istioctl does (level, code, kind, name, namespace) and drop duplicates (IST0101 for a gateway comes from two analyzers)', () => {
    const findings = analyze([
      gateway('b', [server(80, ['a.example.com'])], { istio: 'nothing' }),
      gateway('a', [server(80, ['a.example.com'])], { istio: 'nothing' }),
      namespace('default'),
      spec('VirtualService', 'vs', 'default', { hosts: ['x'], http: [route('y')] }),
    ]);
    expect(findings.map(f => `${f.level} ${f.code} ${f.resource}`)).toEqual([
      'error IST0101 Gateway default/a',
      'error IST0101 Gateway default/b',
      'error IST0101 VirtualService default/vs',
      // Equal selector strings conflict whether or not pods exist, as in istioctl.
      'error IST0145 Gateway default/a',
      'error IST0145 Gateway default/b',
      'info IST0102 Namespace default',
    ]);
  });

  it('read objects without a namespace as istioctl does: in "default"', () => {
    const [finding] = analyze([
      { apiVersion: 'networking.istio.io/v1', kind: 'VirtualService', metadata: { name: 'vs' }, spec: { hosts: ['x'], http: [route('y')] } },
    ]);
    expect(finding.resource).toBe('VirtualService default/vs');
  });

  it('ignore what istioctl never reads: kube-system and the other system namespaces', () => {
    expect(analyze([namespace('kube-system'), pod('coredns', 'kube-system', {}), spec('DestinationRule', 'x', 'kube-system', { host: 'nothing' })])).toEqual(
      [],
    );
  });

  it('in files mode, run only what needs no cluster, as istioctl analyze --use-kube=false', () => {
    const objects = [namespace('default'), spec('VirtualService', 'vs', 'default', { hosts: ['x'], http: [route('y', { subset: 'v9' })] })];
    expect(analyze(objects).map(f => f.code)).toEqual(['IST0101', 'IST0101', 'IST0102']);
    expect(analyze(objects, { mode: 'files' }).map(f => f.message)).toEqual(['Referenced host+subset in destinationrule not found: "y+v9"']);
  });

  it('skip analyzers whose inputs the caller does not hold completely', () => {
    const objects = [spec('VirtualService', 'vs', 'default', { hosts: ['x'], http: [route('y')] })];
    expect(analyze(objects, { kinds: ['VirtualService', 'DestinationRule'] })).toEqual([]);
    expect(analyze(objects, { kinds: ['VirtualService', 'ServiceEntry', 'Service'] }).map(f => f.code)).toEqual(['IST0101']);
  });

  it('judge gateway certificates at the time given', () => {
    const objects = cases.find(c => c.code === 'IST0161')!.quiet;
    expect(analyze(objects, { now: CERTIFICATE_VALID_AT }).filter(f => f.code === 'IST0161')).toEqual([]);
    expect(analyze(objects, { now: Date.UTC(2020, 0, 1) }).filter(f => f.code === 'IST0161')).toHaveLength(1);
    expect(analyze(objects, { now: Date.UTC(2130, 0, 1) }).filter(f => f.code === 'IST0161')).toHaveLength(1);
  });
});
