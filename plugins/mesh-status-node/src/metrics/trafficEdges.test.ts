import { callersFromEdges, entityTrafficEdges, indexEdges, refusedEdges } from './trafficEdges';

const edge = (source: [string, string, string?], destination: [string, string], extra: Record<string, string>, value: number) => ({
  labels: {
    source_workload_namespace: source[0],
    source_workload: source[1],
    ...(source[2] ? { source_principal: source[2] } : {}),
    destination_service_namespace: destination[0],
    destination_service_name: destination[1],
    ...extra,
  },
  value,
});

describe('call edges from Istio metrics', () => {
  const order: [string, string, string] = ['orders', 'order-service', 'spiffe://cluster.local/ns/orders/sa/order-service'];
  const index = indexEdges(
    [
      edge(order, ['payments', 'payment-service'], { connection_security_policy: 'mutual_tls' }, 90),
      edge(order, ['payments', 'payment-service'], { connection_security_policy: 'none' }, 10),
      edge(
        ['payments', 'payment-service-v1', 'spiffe://cluster.local/ns/payments/sa/payment-service'],
        ['users', 'user-service'],
        { connection_security_policy: 'none' },
        4,
      ),
      edge(['ingress', 'gateway'], ['payments', 'payment-service'], { connection_security_policy: 'none' }, 0),
    ],
    [edge(order, ['payments', 'payment-service'], {}, 2)],
  );

  it("folds an edge's security policies into one edge with its 5xx and mTLS shares, and keeps the principal without spiffe://", () => {
    expect(entityTrafficEdges(index, [{ namespace: 'payments', name: 'payment-service' }], [])).toEqual([
      {
        direction: 'inbound',
        source: { namespace: 'orders', workload: 'order-service', principal: 'cluster.local/ns/orders/sa/order-service' },
        destination: { namespace: 'payments', service: 'payment-service' },
        requestRate: 100,
        errorShare: 0.02,
        mtlsShare: 0.9,
      },
    ]);
  });

  it("sees the entity's own calls as outbound, from the destination's report, and drops edges with no requests", () => {
    const edges = entityTrafficEdges(index, [{ namespace: 'payments', name: 'payment-service' }], [{ namespace: 'payments', name: 'payment-service-v1' }]);
    expect(edges.map(e => [e.direction, `${e.source.workload}->${e.destination.service}`, e.requestRate, e.mtlsShare])).toEqual([
      ['inbound', 'order-service->payment-service', 100, 0.9],
      ['outbound', 'payment-service-v1->user-service', 4, 0],
    ]);
  });

  it('adds up the callers by principal', () => {
    expect(callersFromEdges([...index.byDestination.values()].flat())).toEqual([
      { principal: 'cluster.local/ns/orders/sa/order-service', rate: 100 },
      { principal: 'cluster.local/ns/payments/sa/payment-service', rate: 4 },
    ]);
  });

  it('draws refused and let-out calls to the host asked for, in its namespace when it is a cluster-local name', () => {
    expect(
      refusedEdges([
        { source: 'orders/order-service', host: 'user-service.users.svc.cluster.local', cluster: 'BlackHoleCluster', rate: 0.5 },
        { source: 'payments/payment-service-v1', host: 'api.cards.example.com', cluster: 'PassthroughCluster', rate: 1 },
        { source: 'orders/order-service', host: 'payment-service.payments.svc.cluster.local', cluster: 'service', rate: 20 },
      ]),
    ).toEqual([
      {
        direction: 'outbound',
        source: { namespace: 'orders', workload: 'order-service' },
        destination: { namespace: 'users', service: 'user-service' },
        requestRate: 0.5,
        via: 'BlackHoleCluster',
      },
      {
        direction: 'outbound',
        source: { namespace: 'payments', workload: 'payment-service-v1' },
        destination: { service: 'api.cards.example.com' },
        requestRate: 1,
        via: 'PassthroughCluster',
      },
    ]);
  });
});
