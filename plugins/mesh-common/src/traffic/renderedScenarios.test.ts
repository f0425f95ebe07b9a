import { ambientL4PolicyExample, ambientNamespacePolicyExample, ambientWaypointPolicyExample } from '../examples';
import { MeshPolicyInput } from '../model';
import { renderNamespacePolicy, renderPolicy } from '../render/renderPolicy';
import { explainTraffic } from './explain';
import { TrafficRequest } from './types';

// What Meshport renders must behave in Istio as Meshport says. Each case renders a policy and asks the
// traffic model what Istio does with a caller the policy means to admit (or refuse).

/** The objects a rendered service folder puts in the cluster, its kustomize patches (the pods' data plane, the Service's waypoint) included. */
function rendered(policy: MeshPolicyInput): unknown[] {
  const { objects, sidecarPatch, servicePatch } = renderPolicy(policy);
  return [...objects, ...(sidecarPatch ? [sidecarPatch] : []), ...(servicePatch ? [servicePatch] : [])];
}

const call = (from: string, host: string, port: number, extra: Partial<TrafficRequest> = {}): TrafficRequest => {
  const [namespace, rest] = from.split('/');
  const [serviceAccount, dataPlane] = rest.split(':');
  return { from: { namespace, serviceAccount, dataPlane: dataPlane as TrafficRequest['from']['dataPlane'] }, to: { host, port }, ...extra };
};
const CHECKOUT = 'checkout.shop.svc.cluster.local';
// The example requires a token from auth.example.com on every path but /healthz.
const order = { method: 'POST', path: '/api/orders', token: { issuer: 'https://auth.example.com', subject: 'customer-1' } };

describe('a service behind its waypoint (ambient)', () => {
  it('refuses a request without the token the waypoint requires (security/v1 RequestAuthentication with a DENY on notRequestPrincipals)', () => {
    const { token, ...anonymous } = order;
    const explanation = explainTraffic(rendered(ambientWaypointPolicyExample), call('shop/storefront:ambient', CHECKOUT, 8080, anonymous));
    expect(explanation.reason).toMatch(/waypoint at shop\/checkout-waypoint: .*denied by AuthorizationPolicy shop\/checkout-require-jwt/);
    expect(token.issuer).toBe('https://auth.example.com');
  });

  it('admits the allowed ambient caller through the waypoint, and the pods admit only the waypoint (waypoints.go; the migration guide’s bypass prevention)', () => {
    const explanation = explainTraffic(rendered(ambientWaypointPolicyExample), call('shop/storefront:ambient', CHECKOUT, 8080, order));
    expect(explanation.verdict).toBe('allow');
    expect(explanation.hops.map(hop => [hop.proxy, hop.identity, hop.verdict])).toEqual([
      ['ztunnel', undefined, undefined],
      ['waypoint', 'cluster.local/ns/shop/sa/storefront', 'allow'],
      ['ztunnel', 'cluster.local/ns/shop/sa/checkout-waypoint', 'allow'],
    ]);
  });

  it('refuses an allowed caller still on a sidecar unless the policy names it: a sidecar skips the waypoint (pilot/pkg/xds/endpoints/endpoint_builder.go)', () => {
    const denied = explainTraffic(rendered(ambientWaypointPolicyExample), call('shop/storefront:sidecar', CHECKOUT, 8080, order));
    expect(denied.verdict).toBe('deny');
    expect(denied.reason).toMatch(/ztunnel at shop\/checkout: .*denied by AuthorizationPolicy shop\/checkout-waypoint-only/);
    const withSidecarCaller = {
      ...ambientWaypointPolicyExample,
      dataPlane: { mode: 'ambient' as const, sidecarCallers: ['cluster.local/ns/shop/sa/storefront'] },
    };
    const allowed = explainTraffic(rendered(withSidecarCaller), call('shop/storefront:sidecar', CHECKOUT, 8080, order));
    expect(allowed.verdict).toBe('allow');
    expect(allowed.hops[1]).toMatchObject({ proxy: 'ztunnel', identity: 'cluster.local/ns/shop/sa/storefront', layer: 'L4' });
    // Anyone else still cannot go around the waypoint.
    expect(explainTraffic(rendered(withSidecarCaller), call('shop/intruder:sidecar', CHECKOUT, 8080, order)).verdict).toBe('deny');
  });

  it('lets a plaintext scrape in on a port mTLS leaves PERMISSIVE: ztunnel sees no identity, which notPrincipals matches (ztunnel src/rbac.rs)', () => {
    const withMetrics: MeshPolicyInput = {
      ...ambientWaypointPolicyExample,
      service: {
        ...ambientWaypointPolicyExample.service,
        ports: [...ambientWaypointPolicyExample.service.ports, { number: 9090, name: 'http-metrics', protocol: 'HTTP' }],
      },
      mtls: { mode: 'STRICT', portOverrides: [{ port: 9090, mode: 'PERMISSIVE' }] },
    };
    const scrape = explainTraffic(rendered(withMetrics), call('monitoring/prometheus:none', CHECKOUT, 9090, { method: 'GET', path: '/metrics' }));
    expect(scrape.verdict).toBe('allow');
    expect(explainTraffic(rendered(withMetrics), call('monitoring/prometheus:none', CHECKOUT, 8080, { method: 'GET', path: '/' })).verdict).toBe('deny');
  });
});

describe('a service with L4 rules only in a namespace with a waypoint (ambient)', () => {
  const namespace = renderNamespacePolicy(ambientNamespacePolicyExample).objects;
  const INVENTORY = 'inventory.shop.svc.cluster.local';

  it('keeps its callers’ identities at ztunnel by opting out of the namespace waypoint (pilot/pkg/serviceregistry/ambient/waypoints.go binds every Service of the namespace)', () => {
    const explanation = explainTraffic([...namespace, ...rendered(ambientL4PolicyExample)], call('shop/storefront:ambient', INVENTORY, 8080));
    expect(explanation.verdict).toBe('allow');
    expect(explanation.hops.map(hop => hop.proxy)).toEqual(['ztunnel', 'ztunnel']);
  });

  it('without the opt-out, the namespace waypoint carries the call and ztunnel sees the waypoint, which the L4 rule does not name', () => {
    const { objects, sidecarPatch } = renderPolicy(ambientL4PolicyExample);
    const explanation = explainTraffic([...namespace, ...objects, sidecarPatch!], call('shop/storefront:ambient', INVENTORY, 8080));
    expect(explanation.verdict).toBe('deny');
    expect(explanation.hops.map(hop => [hop.proxy, hop.identity])).toEqual([
      ['ztunnel', undefined],
      ['waypoint', 'cluster.local/ns/shop/sa/storefront'],
      ['ztunnel', 'cluster.local/ns/shop/sa/waypoint'],
    ]);
  });
});
