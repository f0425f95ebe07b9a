import { explainTraffic } from './explain';
import { TrafficRequest } from './types';

// Each scenario is what Istio does with one request, from the Istio source or doc named beside it. The
// caller is named by namespace and service account, as `meshport explain --from` names it.

const ns = (name: string, labels: Record<string, string>) => ({ apiVersion: 'v1', kind: 'Namespace', metadata: { name, labels } });
const service = (name: string, namespace: string, labels: Record<string, string> = {}, port = 8080) => ({
  apiVersion: 'v1',
  kind: 'Service',
  metadata: { name, namespace, labels },
  spec: { selector: { app: name }, ports: [{ name: 'http', port, targetPort: port }] },
});
const deployment = (name: string, namespace: string, templateLabels: Record<string, string> = {}) => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name, namespace },
  spec: {
    selector: { matchLabels: { app: name } },
    template: { metadata: { labels: { app: name, ...templateLabels } }, spec: { containers: [{ name: 'app', ports: [{ containerPort: 8080 }] }] } },
  },
});
const policy = (name: string, namespace: string, spec: Record<string, unknown>, annotations?: Record<string, string>) => ({
  apiVersion: 'security.istio.io/v1',
  kind: 'AuthorizationPolicy',
  metadata: { name, namespace, ...(annotations ? { annotations } : {}) },
  spec,
});
const peerAuthentication = (name: string, namespace: string, spec: Record<string, unknown>) => ({
  apiVersion: 'security.istio.io/v1',
  kind: 'PeerAuthentication',
  metadata: { name, namespace },
  spec,
});
const waypoint = (name: string, namespace: string) => ({
  apiVersion: 'gateway.networking.k8s.io/v1',
  kind: 'Gateway',
  metadata: { name, namespace, labels: { 'istio.io/waypoint-for': 'service' } },
  spec: { gatewayClassName: 'istio-waypoint', listeners: [{ name: 'mesh', port: 15008, protocol: 'HBONE' }] },
});
const request = (from: string, host: string, extra: Partial<TrafficRequest> = {}): TrafficRequest => {
  const [namespace, rest] = from.split('/');
  const [serviceAccount, dataPlane = 'sidecar'] = rest.split(':');
  return { from: { namespace, serviceAccount, dataPlane: dataPlane as any }, to: { host, port: 8080 }, ...extra };
};

const PAYMENTS = [ns('payments', { 'istio-injection': 'enabled' }), service('payment-service', 'payments'), deployment('payment-service', 'payments')];
const selector = { selector: { matchLabels: { app: 'payment-service' } } };
const allowOrderServicePost = policy('allow-callers', 'payments', {
  ...selector,
  action: 'ALLOW',
  rules: [
    { from: [{ source: { principals: ['cluster.local/ns/orders/sa/order-service'] } }], to: [{ operation: { methods: ['POST'], paths: ['/api/v1/*'] } }] },
  ],
});
const HOST = 'payment-service.payments.svc.cluster.local';

describe('who calls whom, and which proxy decides (sidecars)', () => {
  it('a sidecar caller that an ALLOW rule names gets in; the destination sidecar sees its identity (security/v1 AuthorizationPolicy: ALLOW)', () => {
    const explanation = explainTraffic([...PAYMENTS, allowOrderServicePost], request('orders/order-service', HOST, { method: 'POST', path: '/api/v1/pay' }));
    expect(explanation).toMatchObject({
      verdict: 'allow',
      hops: [
        { proxy: 'sidecar', at: 'caller' },
        { proxy: 'sidecar', identity: 'cluster.local/ns/orders/sa/order-service', layer: 'L7', verdict: 'allow' },
      ],
    });
  });

  it('with an ALLOW policy in force, a request no rule matches is denied (pilot/pkg/security/authz/builder/builder.go: ALLOW policies make a default deny)', () => {
    const explanation = explainTraffic([...PAYMENTS, allowOrderServicePost], request('orders/order-service', HOST, { method: 'GET', path: '/admin' }));
    expect(explanation.verdict).toBe('deny');
    expect(explanation.reason).toMatch(/no rule of the ALLOW policies in force \(AuthorizationPolicy payments\/allow-callers\) matches/);
  });

  it('DENY is evaluated before ALLOW (security/v1 AuthorizationPolicy: CUSTOM, DENY, then ALLOW)', () => {
    const deny = policy('deny-orders', 'payments', { ...selector, action: 'DENY', rules: [{ from: [{ source: { namespaces: ['orders'] } }] }] });
    expect(
      explainTraffic([...PAYMENTS, allowOrderServicePost, deny], request('orders/order-service', HOST, { method: 'POST', path: '/api/v1/pay' })).reason,
    ).toMatch(/denied by AuthorizationPolicy payments\/deny-orders/);
  });

  it("an ALLOW policy without rules admits nothing: Istio's allow-nothing idiom", () => {
    const allowNothing = policy('deny-by-default', 'payments', { ...selector, action: 'ALLOW' });
    expect(explainTraffic([...PAYMENTS, allowNothing], request('orders/order-service', HOST)).verdict).toBe('deny');
  });

  it('a dry-run policy is reported and not enforced (istio.io/dry-run, pilot/pkg/security/authz/builder: shadow rules)', () => {
    const dryAllowNothing = policy('deny-by-default', 'payments', { ...selector, action: 'ALLOW' }, { 'istio.io/dry-run': 'true' });
    const explanation = explainTraffic([...PAYMENTS, dryAllowNothing], request('orders/order-service', HOST));
    expect(explanation.verdict).toBe('allow');
    expect(explanation.hops[1].policies).toEqual([{ policy: 'AuthorizationPolicy payments/deny-by-default', action: 'ALLOW', matched: false, dryRun: true }]);
  });

  it('a caller without a proxy is refused on a STRICT port, and seen with no identity on a PERMISSIVE one (pilot/pkg/security/authn/policy_applier.go)', () => {
    const strict = peerAuthentication('strict', 'payments', { mtls: { mode: 'STRICT' } });
    expect(explainTraffic([...PAYMENTS, strict], request('legacy/job:none', HOST)).reason).toMatch(
      /mTLS is STRICT on port 8080: a plaintext request is refused/,
    );
    const permissive = peerAuthentication('permissive', 'payments', { mtls: { mode: 'PERMISSIVE' } });
    const explanation = explainTraffic(
      [...PAYMENTS, permissive, allowOrderServicePost],
      request('legacy/job:none', HOST, { method: 'POST', path: '/api/v1/pay' }),
    );
    expect(explanation.verdict).toBe('deny');
    expect(explanation.hops[1].identity).toBeUndefined();
  });

  it("a host the caller's Sidecar scope leaves out has no route at the caller: REGISTRY_ONLY refuses it (pilot/pkg/model/sidecar.go; BlackHoleCluster)", () => {
    const scope = {
      apiVersion: 'networking.istio.io/v1',
      kind: 'Sidecar',
      metadata: { name: 'default', namespace: 'orders' },
      spec: { egress: [{ hosts: ['./*', 'istio-system/*'] }] },
    };
    const registryOnly = {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'istio', namespace: 'istio-system' },
      data: { mesh: 'outboundTrafficPolicy:\n  mode: REGISTRY_ONLY\n' },
    };
    const explanation = explainTraffic([...PAYMENTS, scope, registryOnly], request('orders/order-service', HOST));
    expect(explanation.verdict).toBe('deny');
    expect(explanation.reason).toMatch(/Sidecar orders\/default leaves payment-service\.payments\.svc\.cluster\.local out.*REGISTRY_ONLY/);
  });

  it("a VirtualService exported only to its own namespace does not route another namespace's calls (pilot/pkg/model/push_context.go: exportTo)", () => {
    const route = (exportTo: string[]) => ({
      apiVersion: 'networking.istio.io/v1',
      kind: 'VirtualService',
      metadata: { name: 'payment-service', namespace: 'payments' },
      spec: { hosts: ['payment-service'], exportTo, http: [{ route: [{ destination: { host: 'payment-service', subset: 'v2' } }] }] },
    });
    expect(explainTraffic([...PAYMENTS, route(['.'])], request('orders/order-service', HOST)).route).toBeUndefined();
    expect(explainTraffic([...PAYMENTS, route(['.', 'orders'])], request('orders/order-service', HOST)).route).toEqual({
      resource: 'VirtualService payments/payment-service http[0]',
      destinations: ['payment-service.payments.svc.cluster.local subset v2'],
    });
  });
});

describe('who calls whom, and which proxy decides (ambient)', () => {
  const SHOP = [
    ns('shop', { 'istio.io/dataplane-mode': 'ambient' }),
    service('checkout', 'shop', { 'istio.io/use-waypoint': 'waypoint' }),
    deployment('checkout', 'shop'),
    waypoint('waypoint', 'shop'),
  ];
  const CHECKOUT = 'checkout.shop.svc.cluster.local';
  const attached = (name: string, spec: Record<string, unknown>) =>
    policy(name, 'shop', { targetRefs: [{ kind: 'Service', group: '', name: 'checkout' }], ...spec });

  it("an ambient caller goes through the waypoint, which sees its identity and applies policies attached to the Service; the pod's ztunnel then sees the waypoint (pilot/pkg/serviceregistry/ambient/waypoints.go)", () => {
    const allow = attached('allow-storefront', {
      action: 'ALLOW',
      rules: [{ from: [{ source: { principals: ['cluster.local/ns/shop/sa/storefront'] } }], to: [{ operation: { methods: ['POST'] } }] }],
    });
    const explanation = explainTraffic([...SHOP, allow], request('shop/storefront:ambient', CHECKOUT, { method: 'POST', path: '/api/orders' }));
    expect(explanation).toMatchObject({
      verdict: 'allow',
      hops: [
        { proxy: 'ztunnel', at: 'caller' },
        { proxy: 'waypoint', at: 'shop/waypoint', identity: 'cluster.local/ns/shop/sa/storefront', layer: 'L7', verdict: 'allow' },
        { proxy: 'ztunnel', at: 'shop/checkout', identity: 'cluster.local/ns/shop/sa/waypoint', layer: 'L4', verdict: 'allow' },
      ],
    });
  });

  it('ztunnel drops an ALLOW rule with HTTP attributes, so it admits no one by it (pilot/pkg/serviceregistry/ambient/authorization.go: handleRule)', () => {
    const ambientNoWaypoint = [ns('shop', { 'istio.io/dataplane-mode': 'ambient' }), service('checkout', 'shop'), deployment('checkout', 'shop')];
    const allowPost = policy('allow-post', 'shop', {
      selector: { matchLabels: { app: 'checkout' } },
      action: 'ALLOW',
      rules: [{ to: [{ operation: { methods: ['POST'] } }] }],
    });
    const explanation = explainTraffic([...ambientNoWaypoint, allowPost], request('shop/storefront:ambient', CHECKOUT, { method: 'POST', path: '/' }));
    expect(explanation.verdict).toBe('deny');
    expect(explanation.hops[1].policies[0].note).toMatch(/ztunnel drops 1 ALLOW rule\(s\) with HTTP attributes/);
  });

  it('ztunnel keeps a DENY entry that also names ports without its HTTP attributes (denying more), and skips an entry of HTTP attributes only (ambient/authorization.go handleRule; ztunnel src/rbac.rs, empty matches)', () => {
    const ambientNoWaypoint = [ns('shop', { 'istio.io/dataplane-mode': 'ambient' }), service('checkout', 'shop'), deployment('checkout', 'shop')];
    const deny = (to: Record<string, unknown>) =>
      policy('deny-delete', 'shop', { selector: { matchLabels: { app: 'checkout' } }, action: 'DENY', rules: [{ to: [{ operation: to }] }] });
    const get = request('shop/storefront:ambient', CHECKOUT, { method: 'GET', path: '/' });
    expect(explainTraffic([...ambientNoWaypoint, deny({ methods: ['DELETE'], ports: ['8080'] })], get).verdict).toBe('deny');
    // Istio's own integration test expects such a DENY not to stop other requests (tests/integration/security/authz: baseline_test.go).
    expect(explainTraffic([...ambientNoWaypoint, deny({ methods: ['DELETE'] })], get).verdict).toBe('allow');
  });

  it('mTLS DISABLE reads as PERMISSIVE for ambient pods: a plaintext caller gets in (ambient PeerAuthentication handling)', () => {
    const ambientNoWaypoint = [ns('shop', { 'istio.io/dataplane-mode': 'ambient' }), service('checkout', 'shop'), deployment('checkout', 'shop')];
    const disable = peerAuthentication('disable', 'shop', { mtls: { mode: 'DISABLE' } });
    const explanation = explainTraffic([...ambientNoWaypoint, disable], request('legacy/job:none', CHECKOUT));
    expect(explanation.verdict).toBe('allow');
    expect(explanation.hops[1].note).toMatch(/plaintext accepted \(mTLS PERMISSIVE\)/);
  });
});
