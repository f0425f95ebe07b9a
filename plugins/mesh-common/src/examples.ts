import { MeshPolicyInput, NamespacePolicyInput } from './model';

/**
 * The smallest useful policy: sidecar, STRICT mTLS, deny by default.
 *
 * @public
 */
export const minimalPolicyExample: MeshPolicyInput = {
  service: { name: 'user-service', namespace: 'users', ports: [{ number: 8080, name: 'http', protocol: 'HTTP' }] },
};

/**
 * A policy that uses every section: the demo's payment-service mid-canary.
 *
 * @public
 */
export const paymentServicePolicyExample: MeshPolicyInput = {
  service: {
    name: 'payment-service',
    namespace: 'payments',
    serviceAccount: 'payment-service',
    ports: [
      { number: 8080, name: 'http', protocol: 'HTTP' },
      { number: 9090, name: 'http-metrics', protocol: 'HTTP' },
    ],
    versionLabel: 'v1',
    replicas: 3,
    appResources: { cpuRequest: '500m', memoryRequest: '512Mi', cpuLimit: '1', memoryLimit: '1Gi' },
  },
  injection: {
    proxyResources: { cpuRequest: '100m', memoryRequest: '128Mi', cpuLimit: '500m', memoryLimit: '256Mi' },
    excludeInboundPorts: [8558],
  },
  mtls: { mode: 'STRICT', portOverrides: [{ port: 9090, mode: 'PERMISSIVE' }] },
  jwt: {
    rules: [
      {
        issuer: 'https://auth.example.com',
        jwksUri: 'https://auth.example.com/.well-known/jwks.json',
        audiences: ['payments'],
        outputClaimToHeaders: [{ header: 'x-user-role', claim: 'role' }],
      },
    ],
    claims: [{ claim: 'role', values: ['customer', 'merchant'] }],
    publicPaths: ['/healthz'],
  },
  authorization: {
    allow: [{ principals: ['cluster.local/ns/orders/sa/order-service'], methods: ['POST'], paths: ['/api/v1/process-payment'] }],
    healthCheckPaths: ['/healthz'],
  },
  traffic: {
    loadBalancer: { type: 'simple', algorithm: 'LEAST_REQUEST' },
    connectionPool: { maxConnections: 100, http1MaxPendingRequests: 50, http2MaxRequests: 200, connectTimeout: '2s' },
    outlierDetection: { consecutive5xxErrors: 5, interval: '10s', baseEjectionTime: '30s', maxEjectionPercent: 50 },
    timeout: '5s',
    retries: { attempts: 3, perTryTimeout: '2s', retryOn: '5xx,connect-failure' },
  },
  canary: {
    stableVersion: 'v1',
    canaryVersion: 'v2',
    canaryWeight: 10,
    headerMatch: { name: 'x-canary', value: 'true' },
    fault: { delay: { fixedDelay: '100ms', percentage: 5 } },
  },
  ingress: {
    hosts: ['pay.example.com'],
    tls: { credentialName: 'pay-example-com-tls', httpsRedirect: true },
    routes: [{ pathPrefix: '/api/v1/', port: 8080 }],
  },
  telemetry: {
    tracingProvider: 'otel',
    samplingPercentage: 10,
    customTags: [{ name: 'tenant', header: 'x-tenant-id', defaultValue: 'unknown' }],
  },
};

/**
 * A sidecar service whose proxies learn only what it calls: the Service it depends on and an external API.
 *
 * @public
 */
export const scopedPolicyExample: MeshPolicyInput = {
  service: { name: 'order-service', namespace: 'orders', ports: [{ number: 8080, name: 'http', protocol: 'HTTP' }], replicas: 2 },
  scope: { hosts: ['payments/payment-service.payments.svc.cluster.local', 'orders/api.shipping.example.com'] },
};

/**
 * Egress three ways: TLS origination to an external API, an API reached through the egress gateway, and a service in another cluster.
 *
 * @public
 */
export const egressPolicyExample: MeshPolicyInput = {
  service: { name: 'order-service', namespace: 'orders', ports: [{ number: 8080, name: 'http', protocol: 'HTTP' }] },
  egress: [
    {
      name: 'shipping-api',
      hosts: ['api.shipping.example.com'],
      ports: [
        { number: 80, name: 'http', protocol: 'HTTP' },
        { number: 443, name: 'https', protocol: 'HTTPS' },
      ],
      tlsOrigination: { port: 80 },
    },
    { name: 'tax-api', hosts: ['tax.example.org'], ports: [{ number: 443, name: 'tls', protocol: 'TLS' }], egressGateway: {} },
    {
      name: 'ledger-west',
      hosts: ['ledger.finance.svc.cluster.local'],
      ports: [{ number: 8080, name: 'http', protocol: 'HTTP' }],
      location: 'MESH_INTERNAL',
      resolution: 'STATIC',
      addresses: ['240.0.0.2'],
      endpoints: [{ address: '10.1.2.3', ports: { http: 15443 }, network: 'west', locality: 'us-west1/us-west1-a' }],
    },
  ],
};

/**
 * An ambient service with L4 rules only: ztunnel enforces everything, no waypoint.
 *
 * @public
 */
export const ambientL4PolicyExample: MeshPolicyInput = {
  service: { name: 'inventory', namespace: 'shop', ports: [{ number: 8080, name: 'http', protocol: 'HTTP' }], replicas: 4 },
  dataPlane: { mode: 'ambient' },
  authorization: { allow: [{ principals: ['cluster.local/ns/shop/sa/storefront'] }] },
};

/**
 * An ambient service whose rules need HTTP: a waypoint of its own enforces them.
 *
 * @public
 */
export const ambientWaypointPolicyExample: MeshPolicyInput = {
  service: { name: 'checkout', namespace: 'shop', ports: [{ number: 8080, name: 'http', protocol: 'HTTP' }], versionLabel: 'v1', replicas: 3 },
  dataPlane: { mode: 'ambient' },
  jwt: { rules: [{ issuer: 'https://auth.example.com', jwksUri: 'https://auth.example.com/.well-known/jwks.json' }], publicPaths: ['/healthz'] },
  authorization: {
    allow: [{ principals: ['cluster.local/ns/shop/sa/storefront'], methods: ['POST'], paths: ['/api/orders'] }],
    healthCheckPaths: ['/healthz'],
  },
  canary: { stableVersion: 'v1', canaryVersion: 'v2', canaryWeight: 20 },
  telemetry: { samplingPercentage: 5 },
};

/**
 * Onboarding a namespace with every default.
 *
 * @public
 */
export const namespacePolicyExample: NamespacePolicyInput = {
  namespace: 'payments',
  telemetry: { tracingProvider: 'otel', samplingPercentage: 1 },
};

/**
 * Onboarding a namespace to ambient mode, with a waypoint for all its services.
 *
 * @public
 */
export const ambientNamespacePolicyExample: NamespacePolicyInput = {
  namespace: 'shop',
  dataPlane: { mode: 'ambient', waypoint: true },
};
