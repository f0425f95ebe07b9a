import { TrafficEdge } from '@meshport/plugin-mesh-common';
import { edgeHealth, trafficGraph } from './trafficGraph';

/** order-service calling payment-service at 100 requests/s, 2% of them 5xx, 90% over mTLS, as the status reports it. */
const inbound: TrafficEdge = Object.freeze({
  direction: 'inbound' as const,
  requestRate: 100,
  errorShare: 0.02,
  mtlsShare: 0.9,
  source: { workload: 'order-service', namespace: 'orders', principal: 'cluster.local/ns/orders/sa/order-service' },
  destination: { service: 'payment-service', namespace: 'payments' },
});

describe("the service's traffic graph", () => {
  it('names a caller by its catalog entity (its principal on hover), labels the edge with rate, errors and mTLS, and colours it by the thresholds', () => {
    const graph = trafficGraph({
      entityName: 'payment-service',
      edges: [inbound],
      callers: [
        {
          principal: 'cluster.local/ns/orders/sa/order-service',
          rate: 100,
          allowed: true,
          observed: true,
          dependsOn: true,
          entityRef: 'component:default/order-service',
          words: 'component:default/order-service calls you',
        },
      ],
      thresholds: { degradedPercent: 0.1, failingPercent: 10 },
    });
    expect(graph.nodes).toEqual([
      { id: 'self', name: 'payment-service', role: 'self' },
      { id: 'in:orders/order-service', name: 'order-service', role: 'caller', hover: 'cluster.local/ns/orders/sa/order-service' },
    ]);
    expect(graph.edges).toEqual([
      { from: 'in:orders/order-service', to: 'self', label: '100.0 req/s · 2.0% errors · 90% mTLS', health: 'degraded', seen: true, mtls: false },
    ]);
  });

  it('draws callers the policies allow or the catalog knows that did not call, dashed, and what the service calls, refused calls failing', () => {
    const graph = trafficGraph({
      entityName: 'order-service',
      edges: [
        { ...inbound, direction: 'outbound', errorShare: 0, mtlsShare: 1 },
        {
          direction: 'outbound',
          source: { namespace: 'orders', workload: 'order-service' },
          destination: { namespace: 'users', service: 'user-service' },
          requestRate: 0.5,
          via: 'BlackHoleCluster',
        },
      ],
      callers: [
        { principal: 'cluster.local/ns/shop/sa/frontend', allowed: true, observed: false, dependsOn: true, entityRef: 'component:default/frontend', words: '' },
      ],
    });
    expect(graph.edges).toEqual([
      { from: 'self', to: 'out:payments/payment-service', label: '100.0 req/s · 0.0% errors · mTLS', health: 'healthy', seen: true, mtls: true },
      { from: 'self', to: 'out:users/user-service', label: '0.5 req/s refused (no route)', health: 'failing', seen: true, mtls: false },
      {
        from: 'known:cluster.local/ns/shop/sa/frontend',
        to: 'self',
        label: 'no calls seen · allowed, depends on it in the catalog',
        health: 'idle',
        seen: false,
        mtls: false,
      },
    ]);
    expect(graph.nodes.find(n => n.id === 'known:cluster.local/ns/shop/sa/frontend')?.name).toBe('frontend');
  });

  it("judges an edge by Kiali's thresholds when the service has none of its own", () => {
    expect(edgeHealth({ ...inbound, errorShare: 0 })).toBe('healthy');
    expect(edgeHealth({ ...inbound, errorShare: 0.3 })).toBe('failing');
  });
});
