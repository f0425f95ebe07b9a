import { analyze } from './analyze';
import { ALL_ANALYZERS } from './analyzers';
import { FINDING_CODES } from './codes';
import { parseLooseVersion } from './analyzers/kubernetesGateway/crdVersion';
import { webhookAnalyzer } from './analyzers/webhook/webhook';
import { CERTIFICATE_VALID_AT, TEST_CERTIFICATE_PEM } from './__testUtils__/certificate';
import { configMap, deployment, ingressGateway, namespace, object, pod, secret, service, spec } from '../testUtils/objects';
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
/** A namespace in ambient mode behind its waypoint, an L4 rule for inventory, a PERMISSIVE metrics port for checkout (MP0016, MP0017). */
const ambientShopWithWaypoint = namespace('shop', { 'istio.io/dataplane-mode': 'ambient', 'istio.io/use-waypoint': 'waypoint' });
const storefrontOnlyForInventory = spec('AuthorizationPolicy', 'inventory', 'shop', {
  selector: { matchLabels: { app: 'inventory' } },
  action: 'ALLOW',
  rules: [{ from: [{ source: { principals: ['cluster.local/ns/shop/sa/storefront'] } }] }],
});
const checkoutMetricsPermissive = spec('PeerAuthentication', 'checkout', 'shop', {
  selector: { matchLabels: { app: 'checkout' } },
  mtls: { mode: 'STRICT' },
  portLevelMtls: { '9090': { mode: 'PERMISSIVE' } },
});
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
// Istio's own analyzer testdata (pkg/config/analysis/analyzers/testdata), for the codes ported from it.
const crd = (name: string, annotations: Record<string, string>, body: Record<string, unknown>) => ({
  apiVersion: 'apiextensions.k8s.io/v1',
  kind: 'CustomResourceDefinition',
  metadata: { name, annotations },
  spec: body,
});
const gatewayApiCrd = (plural: string, kind: string, bundleVersion: string) =>
  crd(
    `${plural}.gateway.networking.k8s.io`,
    { 'gateway.networking.k8s.io/bundle-version': bundleVersion },
    { group: 'gateway.networking.k8s.io', names: { kind, plural } },
  );
const condition = (type: string, status: string, reason: string, message: string) => ({
  type,
  status,
  reason,
  message,
  lastTransitionTime: '2023-01-01T00:00:00Z',
});
const withStatus = (item: any, status: Record<string, unknown>, apiVersion?: string) => ({ ...item, ...(apiVersion ? { apiVersion } : {}), status });
const parentStatus = (conditions: unknown[]) => ({ parents: [{ parentRef: { name: 'negative-condition-svc', namespace: 'default' }, conditions }] });
/** condition-analyzer.yaml, with the conditions' status given: the negative ones "False" when they fire, "True" when fixed. */
const conditionObjects = (negative: string, partialReason: string) => [
  withStatus(object('Service', 'negative-condition-svc', 'default'), {
    conditions: [
      condition('istio.io/WaypointBound', negative, 'NoWaypoint', 'waypoint "default/waypoint" is not ready'),
      condition('argocd.argoproj.io/Synced', 'False', 'OutOfSync', 'Resource is out of sync with Git repository'),
    ],
  }),
  withStatus(object('ServiceEntry', 'negative-condition-svcEntry', 'default'), {
    conditions: [condition('istio.io/WaypointBound', negative, 'WaypointIsNotReady', 'waypoint "default/waypoint" is not ready')],
  }),
  withStatus(object('AuthorizationPolicy', 'negative-condition-authz', 'default'), {
    conditions: [condition('ZtunnelAccepted', negative, 'UnsupportedValue', 'ztunnel does not support the CUSTOM action')],
  }),
  withStatus(object('AuthorizationPolicy', 'negative-condition-authz-partially-invalid', 'default'), {
    conditions: [condition('WaypointAccepted', 'True', partialReason, 'Invalid targetRefs: default/doesnt-exist')],
  }),
  withStatus(
    spec('KubernetesGateway', 'negative-condition-gateway', 'default', {
      gatewayClassName: 'istio-waypoint',
      listeners: [{ allowedRoutes: { namespaces: { from: 'Same' } }, name: 'mesh', port: 15008, protocol: 'HBONE' }],
    }),
    {
      conditions: [
        condition(
          'Programmed',
          negative,
          'AddressNotUsable',
          'Failed to assign to any requested addresses: port 15008 not found for hostname "waypoint.default.svc.cluster.local"',
        ),
      ],
    },
  ),
  ...['HTTPRoute', 'GRPCRoute'].map(kind =>
    withStatus(
      spec(kind, `negative-condition-${kind.toLowerCase()}`, 'default', { parentRefs: [{ name: 'negative-condition-svc', namespace: 'default' }] }),
      parentStatus([condition('Accepted', negative, 'WaypointNotBound', 'Service is not bound to a waypoint')]),
      'gateway.networking.k8s.io/v1',
    ),
  ),
];
const negativeCondition = (type: string, reason: string, message: string) =>
  `A condition with a negative status is present: type=${type}, reason=${reason}, message=${message}.`;
const accessLogTelemetry = (ns: string, accessLogging: unknown[]) => spec('Telemetry', 'mesh-default', ns, { accessLogging });
const injectionWebhookFor = (
  name: string,
  serviceName: string,
  namespaceSelector: Record<string, unknown> = { matchLabels: { 'istio-injection': 'enabled' } },
) => ({
  ...object('MutatingWebhookConfiguration', name, undefined, {
    webhooks: [
      {
        admissionReviewVersions: ['v1beta1'],
        clientConfig: { service: { name: serviceName, namespace: 'istio-system' } },
        name: 'sidecar-injector.istio.io',
        namespaceSelector,
      },
    ],
  }),
  apiVersion: 'admissionregistration.k8s.io/v1',
});
/** webhook.yaml: two injectors selecting the same namespaces, one calling a service that does not exist. */
const overlappingWebhooks = [
  injectionWebhookFor('istio-sidecar-injector-missing-overlap', 'fake'),
  injectionWebhookFor('istio-sidecar-injector-overlap', 'istiod'),
  object('Service', 'istiod', 'istio-system', { spec: {} }),
];
const envoyFilter = (name: string, configPatches: unknown[], extra: Record<string, unknown> = {}) => ({
  ...spec('EnvoyFilter', name, 'bookinfo', { ...extra, configPatches }),
  apiVersion: 'networking.istio.io/v1alpha3',
});
const HCM = 'envoy.filters.network.http_connection_manager';
const luaFilter = (name: string) => ({
  name,
  typed_config: {
    '@type': 'type.googleapis.com/envoy.extensions.filters.http.lua.v3.Lua',
    inlineCode:
      'function envoy_on_request(request_handle)\n  request_handle:httpCall("lua_cluster", {[":method"] = "POST", [":path"] = "/acl"}, "authorize call", 5000)\nend\n',
  },
});
const luaCluster = (name: string) => ({
  name,
  type: 'STRICT_DNS',
  connect_timeout: '0.5s',
  lb_policy: 'ROUND_ROBIN',
  load_assignment: {
    cluster_name: 'lua_cluster',
    endpoints: [{ lb_endpoints: [{ endpoint: { address: { socket_address: { protocol: 'TCP', address: 'internal.org.net', port_value: 8888 } } } }] }],
  },
});
const inboundListener = (filterName: string = HCM) => ({
  portNumber: 8080,
  filterChain: { filter: { name: filterName, ...(filterName === HCM ? { subFilter: { name: 'envoy.filters.http.router' } } : {}) } },
});
const luaPatch = (operation: string, name: string, match: Record<string, unknown> = { context: 'SIDECAR_INBOUND', listener: inboundListener() }) => ({
  applyTo: 'HTTP_FILTER',
  match,
  patch: { operation, value: luaFilter(name) },
});
const clusterPatch = (operation: string, name: string) => ({
  applyTo: 'CLUSTER',
  match: { context: 'SIDECAR_OUTBOUND' },
  patch: { operation, value: luaCluster(name) },
});
const PROXY_1_11 = { proxyVersion: '^1\\.11.*' };
const INTERNAL_ADDRESS_LISTENER = inboundListener(`${HCM}.InternalAddressConfig`);
/** relative-envoy-filter-operation.yaml */
const relativeEnvoyFilters = [
  envoyFilter('test-relative-1', [luaPatch('INSERT_BEFORE', 'envoy.lua'), clusterPatch('ADD', 'lua_cluster')], {
    workloadSelector: { labels: { app: 'reviews1' } },
  }),
  envoyFilter('test-relative-2', [luaPatch('INSERT_AFTER', 'envoy.lua2'), clusterPatch('ADD', 'lua2_cluster')], {
    workloadSelector: { labels: { app: 'reviews2' } },
  }),
  envoyFilter(
    'test-relative-3',
    [
      luaPatch('INSERT_AFTER', 'envoy.lua1', { context: 'SIDECAR_INBOUND', proxy: PROXY_1_11, listener: INTERNAL_ADDRESS_LISTENER }),
      { ...luaPatch('INSERT_AFTER', 'envoy.lua1', { context: 'SIDECAR_INBOUND', listener: INTERNAL_ADDRESS_LISTENER }), applyTo: 'CLUSTER' },
    ],
    { workloadSelector: { labels: { app: 'reviews-3' } } },
  ),
];
/** absolute-envoy-filter-operation.yaml: INSERT_FIRST, and a relative patch with a priority. */
const absoluteEnvoyFilters = [
  envoyFilter('test-reviews-lua-1', [luaPatch('INSERT_FIRST', 'envoy.lua'), clusterPatch('ADD', 'lua_cluster')], {
    workloadSelector: { labels: { app: 'reviews' } },
  }),
  envoyFilter('test-reviews-lua-2', [luaPatch('INSERT_BEFORE', 'envoy.lua'), clusterPatch('ADD', 'lua_cluster')], {
    workloadSelector: { labels: { app: 'reviews' } },
    priority: 10,
  }),
];
/** envoy-filter-replace-operation.yaml; test-replace-3 without a priority unless one is given. */
const replaceEnvoyFilters = (replace3: Record<string, unknown> = {}) => [
  envoyFilter('test-replace-1', [clusterPatch('REPLACE', 'lua_cluster')], { workloadSelector: { labels: { app: 'reviews1' } }, priority: 10 }),
  envoyFilter('test-replace-2', [luaPatch('REPLACE', 'envoy.lua')], { workloadSelector: { labels: { app: 'reviews2' } }, priority: 10 }),
  envoyFilter(
    'test-replace-3',
    [
      luaPatch('REPLACE', 'envoy.lua', { context: 'SIDECAR_OUTBOUND', proxy: PROXY_1_11, listener: inboundListener() }),
      luaPatch('REPLACE', 'envoy.lua', { context: 'SIDECAR_INBOUND' }),
      { ...clusterPatch('REPLACE', 'lua_cluster'), applyTo: 'NETWORK_FILTER' },
      {
        applyTo: 'VIRTUAL_HOST',
        match: { context: 'SIDECAR_INBOUND', routeConfiguration: { vhost: { name: 'inbound|http|9080' } } },
        patch: {
          operation: 'REPLACE',
          value: {
            domains: ['*'],
            name: 'inbound|http|9080',
            routes: [{ match: { prefix: '/' }, name: 'default', route: { cluster: 'inbound|9080||' } }],
          },
        },
      },
    ],
    { workloadSelector: { labels: { app: 'reviews4' } }, ...replace3 },
  ),
];
/** envoy-filter-add-operation.yaml: test-auth-<n> adds ext_authz to what applyTo names. */
const extAuthzEnvoyFilter = (n: number, applyTo: string, match: Record<string, unknown> = {}) =>
  envoyFilter(`test-auth-${n}`, [
    {
      applyTo,
      match: { context: 'SIDECAR_INBOUND', ...match },
      patch: {
        operation: 'ADD',
        filterClass: 'AUTHZ',
        value: {
          name: 'envoy.filters.http.ext_authz',
          typed_config: {
            '@type': 'type.googleapis.com/envoy.extensions.filters.http.ext_authz.v3.ExtAuthz',
            grpc_service: { envoy_grpc: { cluster_name: 'acme-ext-authz' }, initial_metadata: [{ key: 'foo', value: 'myauth.acme' }] },
          },
        },
      },
    },
  ]);
/** envoy-filter-remove-operation.yaml: test-remove-<n> removes what applyTo names (null match and patch for test-remove-4). */
const GATEWAY_SNI_MATCH = { context: 'GATEWAY', listener: { filterChain: { sni: 'app.example.com', filter: { name: `${HCM}.InternalAddressConfig` } } } };
const removeEnvoyFilter = (n: number, app: string, applyTo: string, match: unknown = GATEWAY_SNI_MATCH, patch: unknown = { operation: 'REMOVE' }) =>
  envoyFilter(`test-remove-${n}`, [{ applyTo, match, patch }], { workloadSelector: { labels: { app } } });
const envoyFilterFindings = (message: string, names: string[]) => names.map(name => ({ resource: `EnvoyFilter bookinfo/${name}`, message }));
const RELATIVE_OPERATION =
  'This EnvoyFilter does not have a priority and has a relative patch operation set which can cause the EnvoyFilter not to be applied. Using the INSERT_FIRST of ADD option or setting the priority may help in ensuring the EnvoyFilter is applied correctly.';
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
    code: 'IST0002',
    title: 'a deprecated fault delay percent, an ignored egress proxy and a removed resource type',
    fires: [
      {
        ...spec('EnvoyFilter', 'istio-multicluster-egressgateway', 'istio-system', {
          workloadLabels: { istio: 'egressgateway' },
          filters: [{ listenerMatch: { portNumber: 15443 } }],
        }),
        apiVersion: 'networking.istio.io/v1alpha3',
      },
      spec('VirtualService', 'productpage', 'foo', { hosts: ['productpage'], http: [{ fault: { delay: { percent: 50 } } }] }),
      spec('Sidecar', 'no-selector', 'default', {
        ingress: [{ port: { number: 9080 }, defaultEndpoint: 'unix:///var/run/some.sock' }],
        egress: [{ hosts: ['./*'] }],
        outboundTrafficPolicy: { mode: 'ALLOW_ANY', egressProxy: { host: 'example', port: { number: 9080 } } },
      }),
      {
        ...spec('QuotaSpec', 'request-count', 'istio-system', { rules: [{ quotas: [{ charge: 1, quota: 'requestcount' }] }] }),
        apiVersion: 'config.istio.io/v1alpha2',
      },
      crd('serviceroles.rbac.istio.io', {}, { group: 'rbac.istio.io', names: { kind: 'ServiceRole', plural: 'serviceroles' } }),
    ],
    expect: [
      { resource: 'CustomResourceDefinition serviceroles.rbac.istio.io', message: 'Deprecated: Custom resource type rbac.istio.io ServiceRole is removed' },
      { resource: 'Sidecar default/no-selector', message: 'Deprecated: OutboundTrafficPolicy.EgressProxy ignored' },
      {
        resource: 'VirtualService foo/productpage',
        message: 'Deprecated: HTTPRoute.fault.delay.percent is deprecated; use HTTPRoute.fault.delay.percentage',
      },
    ],
    quiet: [
      spec('VirtualService', 'productpage', 'foo', { hosts: ['productpage'], http: [{ fault: { delay: { percentage: { value: 50 }, fixedDelay: '5s' } } }] }),
      spec('Sidecar', 'no-selector', 'default', { egress: [{ hosts: ['./*'] }], outboundTrafficPolicy: { mode: 'ALLOW_ANY' } }),
      crd(
        'authorizationpolicies.security.istio.io',
        {},
        { group: 'security.istio.io', names: { kind: 'AuthorizationPolicy', plural: 'authorizationpolicies' } },
      ),
    ],
  },
  {
    code: 'IST0139',
    title: 'two injection webhooks selecting the same namespaces, one calling a missing service',
    fires: overlappingWebhooks,
    expect: [
      {
        resource: 'MutatingWebhookConfiguration istio-sidecar-injector-missing-overlap',
        message: 'Injector refers to a control plane service that does not exist: istio-system/fake.',
      },
      {
        resource: 'MutatingWebhookConfiguration istio-sidecar-injector-missing-overlap',
        message: 'Webhook overlaps with others: [istio-sidecar-injector-overlap/sidecar-injector.istio.io]. This may cause injection to occur twice.',
      },
      {
        resource: 'MutatingWebhookConfiguration istio-sidecar-injector-overlap',
        message: 'Webhook overlaps with others: [istio-sidecar-injector-missing-overlap/sidecar-injector.istio.io]. This may cause injection to occur twice.',
      },
    ],
    quiet: [
      injectionWebhookFor('istio-sidecar-injector', 'istiod'),
      injectionWebhookFor('istio-sidecar-injector-canary', 'istiod', {
        matchExpressions: [
          { key: 'istio.io/rev', operator: 'In', values: ['canary'] },
          { key: 'istio-injection', operator: 'DoesNotExist' },
        ],
      }),
      object('Service', 'istiod', 'istio-system', { spec: {} }),
    ],
  },
  {
    code: 'IST0151',
    title: 'relative EnvoyFilter patches without a priority',
    fires: relativeEnvoyFilters,
    expect: envoyFilterFindings(RELATIVE_OPERATION, ['test-relative-1', 'test-relative-2', 'test-relative-3']),
    quiet: absoluteEnvoyFilters,
  },
  {
    code: 'IST0152',
    title: 'an EnvoyFilter replacing a cluster',
    fires: replaceEnvoyFilters(),
    expect: envoyFilterFindings('The REPLACE operation is only valid for HTTP_FILTER and NETWORK_FILTER.', ['test-replace-1']),
    quiet: replaceEnvoyFilters().slice(1),
  },
  {
    code: 'IST0153',
    title: 'EnvoyFilters adding to a route configuration and a route',
    fires: [
      extAuthzEnvoyFilter(1, 'HTTP_FILTER'),
      extAuthzEnvoyFilter(2, 'ROUTE_CONFIGURATION'),
      extAuthzEnvoyFilter(3, 'HTTP_ROUTE'),
      extAuthzEnvoyFilter(4, 'HTTP_FILTER', { proxy: PROXY_1_11, app: 'add4' }),
      extAuthzEnvoyFilter(5, 'HTTP_FILTER', { app: 'add5' }),
    ],
    expect: envoyFilterFindings('The ADD operation will be ignored when applyTo is set to ROUTE_CONFIGURATION, or HTTP_ROUTE.', ['test-auth-2', 'test-auth-3']),
    quiet: [extAuthzEnvoyFilter(1, 'HTTP_FILTER'), extAuthzEnvoyFilter(4, 'HTTP_FILTER', { proxy: PROXY_1_11, app: 'add4' })],
  },
  {
    code: 'IST0154',
    title: 'EnvoyFilters removing a route configuration and a route',
    fires: [
      removeEnvoyFilter(1, 'mysvc1', 'NETWORK_FILTER'),
      removeEnvoyFilter(2, 'mysvc2', 'ROUTE_CONFIGURATION'),
      removeEnvoyFilter(3, 'mysvc3', 'HTTP_ROUTE'),
      removeEnvoyFilter(4, 'mysvc1', 'NETWORK_FILTER', null, null),
      removeEnvoyFilter(5, 'mysvc1', 'NETWORK_FILTER', null),
    ],
    expect: envoyFilterFindings('The REMOVE operation will be ignored when applyTo is set to ROUTE_CONFIGURATION, or HTTP_ROUTE.', [
      'test-remove-2',
      'test-remove-3',
    ]),
    quiet: [
      removeEnvoyFilter(1, 'mysvc1', 'NETWORK_FILTER'),
      removeEnvoyFilter(4, 'mysvc1', 'NETWORK_FILTER', null, null),
      removeEnvoyFilter(5, 'mysvc1', 'NETWORK_FILTER', null),
    ],
  },
  {
    code: 'IST0155',
    title: 'a relative EnvoyFilter patch without a priority on a filter another patch matches by proxyVersion',
    fires: replaceEnvoyFilters(),
    expect: envoyFilterFindings(
      'This EnvoyFilter does not have a priority and has a relative patch operation (NSTERT_BEFORE/AFTER, REPLACE, MERGE, DELETE) and proxyVersion set which can cause the EnvoyFilter not to be applied during an upgrade. Using the INSERT_FIRST or ADD option or setting the priority may help in ensuring the EnvoyFilter is applied correctly.',
      ['test-replace-3'],
    ),
    quiet: replaceEnvoyFilters({ priority: 10 }),
  },
  {
    code: 'IST0157',
    title: 'a Telemetry access log entry without providers',
    fires: [accessLogTelemetry('istio-system', [{ providers: [{ name: 'envoy' }] }, { filter: { expression: 'response.code >= 400' } }])],
    expect: [
      {
        resource: 'Telemetry istio-system/mesh-default',
        message: 'The Telemetry mesh-default in namespace "istio-system" with empty providers will be ignored.',
      },
    ],
    quiet: [accessLogTelemetry('istio-system', [{ providers: [{ name: 'envoy' }] }]), accessLogTelemetry('foo', [{ disabled: true }])],
  },
  {
    code: 'IST0171',
    title: 'negative status conditions',
    fires: conditionObjects('False', 'PartiallyInvalid'),
    expect: [
      {
        resource: 'AuthorizationPolicy default/negative-condition-authz',
        message: negativeCondition('ZtunnelAccepted', 'UnsupportedValue', 'ztunnel does not support the CUSTOM action'),
      },
      {
        resource: 'AuthorizationPolicy default/negative-condition-authz-partially-invalid',
        message: negativeCondition('WaypointAccepted', 'PartiallyInvalid', 'Invalid targetRefs: default/doesnt-exist'),
      },
      {
        resource: 'Gateway default/negative-condition-gateway',
        message: negativeCondition(
          'Programmed',
          'AddressNotUsable',
          'Failed to assign to any requested addresses: port 15008 not found for hostname "waypoint.default.svc.cluster.local"',
        ),
      },
      {
        resource: 'GRPCRoute default/negative-condition-grpcroute',
        message: negativeCondition('Accepted', 'WaypointNotBound', 'Service is not bound to a waypoint'),
      },
      {
        resource: 'HTTPRoute default/negative-condition-httproute',
        message: negativeCondition('Accepted', 'WaypointNotBound', 'Service is not bound to a waypoint'),
      },
      {
        resource: 'Service default/negative-condition-svc',
        message: negativeCondition('istio.io/WaypointBound', 'NoWaypoint', 'waypoint "default/waypoint" is not ready'),
      },
      {
        resource: 'ServiceEntry default/negative-condition-svcEntry',
        message: negativeCondition('istio.io/WaypointBound', 'WaypointIsNotReady', 'waypoint "default/waypoint" is not ready'),
      },
    ],
    quiet: conditionObjects('True', 'Accepted'),
  },
  {
    code: 'IST0176',
    title: 'a Gateway API CRD older than Istio reads',
    fires: [gatewayApiCrd('tlsroutes', 'TLSRoute', 'v1.4.1'), gatewayApiCrd('grpcroutes', 'GRPCRoute', 'v1.4.1')],
    expect: [
      {
        resource: 'CustomResourceDefinition tlsroutes.gateway.networking.k8s.io',
        message:
          'Gateway API CRD "tlsroutes.gateway.networking.k8s.io" is at version "1.4.1" but Istio requires at least "1.5.0"; resources of this kind will not be processed. Upgrade the Gateway API CRDs to satisfy the minimum version.',
      },
    ],
    quiet: [gatewayApiCrd('tlsroutes', 'TLSRoute', 'v1.5.0-rc.1'), gatewayApiCrd('grpcroutes', 'GRPCRoute', 'v1.4.1')],
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
      ambientShopWithWaypoint,
      service('inventory', 'shop', { app: 'inventory' }, [{ name: 'http', port: 8080, protocol: 'TCP' }]),
      storefrontOnlyForInventory,
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
      ambientShopWithWaypoint,
      // What Meshport renders for an L4-only service: the Service opts out of the namespace waypoint.
      service('inventory', 'shop', { app: 'inventory' }, [{ name: 'http', port: 8080, protocol: 'TCP' }], { labels: { 'istio.io/use-waypoint': 'none' } }),
      storefrontOnlyForInventory,
    ],
  },
  {
    code: 'MP0017',
    title: "a PERMISSIVE port's plaintext refused by a waypoint's bypass prevention",
    options: { mode: 'files' },
    fires: [
      checkoutMetricsPermissive,
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
      checkoutMetricsPermissive,
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

  it('read the default access log providers from the mesh configuration (IST0157), and run the webhook check with its options (IST0139)', () => {
    const telemetry = cases.find(c => c.code === 'IST0157')!.fires;
    const mesh = configMap('istio', 'istio-system', { mesh: 'defaultProviders:\n  accessLogging:\n  - envoy\n' });
    expect(analyze([...telemetry, mesh]).filter(f => f.code === 'IST0157')).toEqual([]);
    expect(analyze(telemetry, { meshConfig: { defaultAccessLogging: ['envoy'] } }).filter(f => f.code === 'IST0157')).toEqual([]);
    const overlapsOnly = analyze(overlappingWebhooks, {}, [webhookAnalyzer({ skipServiceCheck: true })]);
    expect(overlapsOnly.map(f => f.resource)).toEqual([
      'MutatingWebhookConfiguration istio-sidecar-injector-missing-overlap',
      'MutatingWebhookConfiguration istio-sidecar-injector-overlap',
    ]);
    const defaultRevision = { ...overlappingWebhooks[0], metadata: { ...overlappingWebhooks[0].metadata, labels: { 'istio.io/rev': 'default' } } };
    expect(analyze([defaultRevision, ...overlappingWebhooks.slice(1)], {}, [webhookAnalyzer({ skipDefaultRevisionedWebhook: true })])).toEqual([]);
  });

  it('parse Gateway API bundle versions as Masterminds semver does (IST0176)', () => {
    expect(parseLooseVersion('v1.4')).toEqual({ numbers: [1n, 4n, 0n], prerelease: '', metadata: '' });
    expect(parseLooseVersion('1.05.0-rc.1+build.7')).toEqual({ numbers: [1n, 5n, 0n], prerelease: 'rc.1', metadata: 'build.7' });
    for (const bad of ['', 'v', '1.', '1.2.3.4', 'x1.2', '1.2.3-', '1.2.3-01', '1.2.3+a..b', '18446744073709551616'])
      expect(parseLooseVersion(bad)).toBeUndefined();
  });

  it('judge gateway certificates at the time given', () => {
    const objects = cases.find(c => c.code === 'IST0161')!.quiet;
    expect(analyze(objects, { now: CERTIFICATE_VALID_AT }).filter(f => f.code === 'IST0161')).toEqual([]);
    expect(analyze(objects, { now: Date.UTC(2020, 0, 1) }).filter(f => f.code === 'IST0161')).toHaveLength(1);
    expect(analyze(objects, { now: Date.UTC(2130, 0, 1) }).filter(f => f.code === 'IST0161')).toHaveLength(1);
  });
});
