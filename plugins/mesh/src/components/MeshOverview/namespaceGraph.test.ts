import { namespaceGraph } from './NamespaceGraph';
import { OverviewRow } from './overviewRows';

const row = (name: string, namespace: string, extra: Partial<OverviewRow>): OverviewRow => ({
  entityRef: `component:default/${name}`,
  name,
  namespace,
  injectedPods: 2,
  ambientPods: 0,
  totalPods: 2,
  onboarded: true,
  strictMtls: true,
  sidecarCpuMillicores: 200,
  sidecarMemoryBytes: 0,
  findingCount: 0,
  health: 'healthy',
  drifted: 0,
  callers: [],
  ...extra,
});

describe('the mesh by namespace', () => {
  it('draws a box per namespace with its components and adds up the calls into each, coloured by the worst health they reach', () => {
    const graph = namespaceGraph([
      row('payment-service', 'payments', { health: 'degraded', callers: [{ namespace: 'orders', requestRate: 100, errorShare: 0.02 }] }),
      row('refund-service', 'payments', { callers: [{ namespace: 'orders', requestRate: 100, errorShare: 0 }] }),
      row('order-service', 'orders', { callers: [{ namespace: 'istio-ingress', requestRate: 50 }] }),
    ]);
    expect(graph.nodes.map(n => [n.id, n.subtitle])).toEqual([
      ['payments', 'payment-service, refund-service'],
      ['orders', 'order-service'],
      ['istio-ingress', 'calls the mesh'],
    ]);
    expect(graph.edges).toEqual([
      { from: 'orders', to: 'payments', label: '200.0 req/s · 1.0% errors', health: 'degraded', seen: true, mtls: false },
      { from: 'istio-ingress', to: 'orders', label: '50.0 req/s · 0.0% errors', health: 'healthy', seen: true, mtls: false },
    ]);
  });
});
